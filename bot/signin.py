"""Proving who is asking, for the CLI and the app alike: a password or an API token, each
attempt audited; and the admin-only commands. Local mode (no users anywhere) is the local
admin."""

from __future__ import annotations

from bot.access import Access, AccessDenied, User
from bot.audit import record
from bot.users_db import open_access
from config.settings import Settings

NO_CREDENTIALS = (
    "Not allowed: sign in with --user ID and a password (prompted, or CASEBRIEF_PASSWORD), "
    "or set CASEBRIEF_TOKEN to your API token."
)

NO_PASSWORD = "Not allowed: no password given (type it at the prompt, or set CASEBRIEF_PASSWORD)."


class SignIn:
    def __init__(
        self, settings: Settings, access: Access | None = None, audited: bool = True
    ) -> None:
        self.settings = settings
        self.access = access if access is not None else open_access(settings)
        self.audited = audited  # False only to check the audit log itself

    def audit(
        self, user: str, role: str, action: str, detail: str, case: str | None = None
    ) -> None:
        if self.audited:
            record(self.settings, user=user, role=role, action=action, case_id=case, detail=detail)

    def password(self, user_id: str, password: str) -> User:
        """Check a password; success and failure are both audited."""
        try:
            user = self.access.login(user_id, password)
        except AccessDenied:
            self.audit(user_id, "unknown", "login", "failed")
            raise
        self.audit(user.id, user.role, "login", "ok")
        return user

    def token(self, token: str, user_id: str | None = None) -> User:
        """The token's owner; a token used with another --user is refused."""
        try:
            user = self.access.token_login(token)
        except AccessDenied:
            self.audit(user_id or "(token)", "unknown", "login", "failed: token")
            raise
        if user_id is not None and user_id != user.id:
            self.audit(user_id, "unknown", "login", f"failed: token of {user.id}")
            raise AccessDenied(f"Not allowed: CASEBRIEF_TOKEN belongs to {user.id}, not {user_id}.")
        self.audit(user.id, user.role, "login", "ok: token")
        return user

    def require_admin(self, user: User, command: str, case_id: str | None = None) -> None:
        if user.role == "admin":
            return
        self.audit(user.id, user.role, "denied", f"{command}: needs an admin", case_id)
        raise AccessDenied(
            f"Not allowed: `casebrief {command}` needs an admin; {user.id} is a {user.role}."
        )
