"""The state list lives in reference_data (places.py reads it too); Find a School's modules import it from here."""

from reference_data.states import STATE_CHOICES, STATE_NAMES

__all__ = ["STATE_CHOICES", "STATE_NAMES"]
