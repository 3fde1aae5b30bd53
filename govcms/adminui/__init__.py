"""The admin in Chinese: Wagtail's templates and labels that show English whatever the catalogue says (true/false
icons, permission labels, column names made from attribute names). The texts themselves are in locale_overrides/."""
