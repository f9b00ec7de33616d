"""System checks for settings a deployment must make its own."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def security_contact_is_set(app_configs, **kwargs):
    if settings.SECURITY_CONTACT == settings.SECURITY_TXT_CONTACT_PLACEHOLDER:
        return [
            Warning(
                "SECURITY_CONTACT is the placeholder address, so /.well-known/security.txt sends "
                "vulnerability reports nowhere.",
                hint="Set SECURITY_CONTACT to a mailto: or https: address that someone reads.",
                id="core.W001",
            )
        ]
    if not settings.SECURITY_CONTACT.startswith(("mailto:", "https://")):
        return [
            Warning(
                "SECURITY_CONTACT must be a mailto: or https: URI (RFC 9116, section 2.5.3).",
                id="core.W002",
            )
        ]
    return []
