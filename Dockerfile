# govcms on Debian's Python image: gunicorn as a non-root user, static files collected at build time.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=govcms.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends gettext libpq5 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --system --create-home govcms && mkdir -p /app/var /app/media /app/private_media && chown -R govcms /app/var /app/media /app/private_media
# Build-time values only (production settings refuse to start without a key and hosts); compose or systemd give the real ones.
RUN export DATABASE_URL=sqlite:////tmp/build.sqlite3 SECRET_KEY=build-only ALLOWED_HOSTS=build.invalid \
    && python manage.py collectstatic --noinput -v 0 \
    && python manage.py compilemessages -v 0 && rm -f /tmp/build.sqlite3
USER govcms
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "govcms.wsgi"]
