"""The staff sign-in form: Django's admin form, refusing a username longer than the User model allows.

AuthenticationForm sets the username field's max_length after the field is built, so Django never checks it. A
username of 256 or more characters then reached django-axes, whose AccessAttempt.username is varchar(255): on
PostgreSQL the insert failed (a 500) and the attempt was not counted. No account can have such a name, so the form
refuses it as a field error, before authenticate() runs and before axes sees it.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError


class StaffAuthenticationForm(AdminAuthenticationForm):
    def clean_username(self):
        username = self.cleaned_data["username"]
        limit = self.username_field.max_length
        if limit is not None and len(username) > limit:
            raise ValidationError(
                "Enter a username of at most %(limit)d characters.", code="max_length", params={"limit": limit}
            )
        return username
