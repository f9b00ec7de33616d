"""The body of /.well-known/security.txt (RFC 9116)."""

import datetime

from django.conf import settings

# RFC 9116 2.5.5: Expires should be less than a year ahead. The file is generated on every request,
# so it never goes stale while the site runs; what must stay true is SECURITY_CONTACT.
EXPIRES_AFTER = datetime.timedelta(days=180)


def security_txt(canonical_url: str, now: datetime.datetime) -> str:
    expires = (now + EXPIRES_AFTER).astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    fields = [
        ("Contact", settings.SECURITY_CONTACT),
        ("Expires", expires.strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("Canonical", canonical_url),
        ("Preferred-Languages", "en"),
    ]
    if settings.SECURITY_POLICY_URL:
        fields.append(("Policy", settings.SECURITY_POLICY_URL))
    return "".join(f"{name}: {value}\n" for name, value in fields)
