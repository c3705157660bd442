"""CalfCoach: from weak calves to running, one prescribed session at a time."""

from calfcoach.i18n import N_

__version__ = "0.1.0"

# English as written; shown through the person's catalog (calfcoach.i18n).
MEDICAL_DISCLAIMER = N_(
    "CalfCoach is not medical advice and does not replace a doctor or physiotherapist. "
    "Stop and seek professional help if you feel sharp pain, pain that lasts into the next day "
    "and keeps getting worse, swelling, numbness, chest pain, dizziness or shortness of breath."
)
