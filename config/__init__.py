"""The one settings object every step reads: `config.settings.Settings`, built by `load_settings`.

It lives apart from ingest/ and bot/ because both read it and neither owns it."""
