"""schema.org `Dataset` (JSON-LD on each dataset page) and a DCAT catalogue entry per dataset (for the DCAT-AP
catalogue data portals harvest); only open datasets are ever described to the public."""

from __future__ import annotations

from cms.datasets.models import DatasetPage, Frequency

FREQUENCY_IRI = {
    Frequency.ANNUAL: "http://purl.org/cld/freq/annual",
    Frequency.QUARTERLY: "http://purl.org/cld/freq/quarterly",
    Frequency.MONTHLY: "http://purl.org/cld/freq/monthly",
    Frequency.IRREGULAR: "http://purl.org/cld/freq/irregular",
}
FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _absolute(page: DatasetPage, request=None) -> str:
    return page.get_full_url(request) or ""


def schema_org(page: DatasetPage, request=None) -> dict:
    url = _absolute(page, request)
    release = page.current_release()
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": page.title,
        "description": page.description or page.summary or page.title,
        "url": url,
        "inLanguage": "zh-CN",
        "license": page.licence,
        "isAccessibleForFree": True,
        "keywords": [k for k in (page.keywords or "").replace("，", ",").split(",") if k.strip()],
        "variableMeasured": [
            {"@type": "PropertyValue", "name": c.label, "propertyID": c.name, **({"unitText": c.unit} if c.unit else {})}
            for c in page.columns.all()
        ],
    }
    if page.organ_id:
        data["creator"] = {"@type": "GovernmentOrganization", "name": page.organ.name}
        data["publisher"] = data["creator"]
    if page.temporal_coverage:
        data["temporalCoverage"] = page.temporal_coverage.replace("—", "/").replace("-", "/")
    if page.spatial_coverage:
        data["spatialCoverage"] = {"@type": "Place", "name": page.spatial_coverage}
    if release is not None:
        data["dateModified"] = release.release_date.isoformat()
        data["version"] = release.key
        data["distribution"] = [
            {"@type": "DataDownload", "encodingFormat": mime, "contentUrl": f"{url}download/{fmt}/"}
            for fmt, mime in FORMATS.items()
        ]
    first = page.published_releases().last()
    if first is not None:
        data["datePublished"] = first.release_date.isoformat()
    return data


def dcat_dataset(page: DatasetPage, api_base: str, request=None) -> dict:
    url = _absolute(page, request)
    release = page.current_release()
    entry = {
        "@id": url,
        "@type": "dcat:Dataset",
        "dct:title": page.title,
        "dct:description": page.description or page.summary or page.title,
        "dct:language": "zh-CN",
        "dct:accrualPeriodicity": {"@id": FREQUENCY_IRI.get(page.frequency, FREQUENCY_IRI[Frequency.IRREGULAR])},
        "dcat:landingPage": {"@id": url},
        "dcat:keyword": [k.strip() for k in (page.keywords or "").replace("，", ",").split(",") if k.strip()],
        "dcat:contactPoint": {"@type": "vcard:Kind", "vcard:fn": page.contact or (page.organ.name if page.organ_id else "")},
    }
    if page.organ_id:
        entry["dct:publisher"] = {"@type": "foaf:Organization", "foaf:name": page.organ.name}
    if page.topic_id:
        entry["dcat:theme"] = page.topic.name
    if page.temporal_coverage:
        entry["dct:temporal"] = page.temporal_coverage
    if page.spatial_coverage:
        entry["dct:spatial"] = page.spatial_coverage
    if release is not None:
        entry["dct:modified"] = release.release_date.isoformat()
        entry["dcat:distribution"] = [
            {
                "@type": "dcat:Distribution",
                "dcat:downloadURL": {"@id": f"{url}download/{fmt}/"},
                "dcat:mediaType": mime,
                "dct:license": page.licence,
            }
            for fmt, mime in FORMATS.items()
        ] + [
            {
                "@type": "dcat:Distribution",
                "dcat:accessURL": {"@id": f"{api_base}datasets/{page.slug}/rows/"},
                "dcat:mediaType": "application/json",
                "dct:title": "API",
            }
        ]
    return entry
