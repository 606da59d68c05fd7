"""`python -m bot` is the `casebrief` command."""

from bot.cli import app

app()
