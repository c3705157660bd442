"""Names vulture cannot see used: read by a framework, by name from data, or through a string.

`make lint` runs vulture over src, tests and benchmarks with this file (settings in pyproject.toml). Add a
name here only when something outside Python's own references uses it; say what.
"""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# pydantic, SQLAlchemy, Alembic, uvicorn, anyio and http.server read these attributes by name.
_.model_config  # pydantic model settings (domain/base.py)
_._weekdays_sorted  # pydantic field serializers (domain/profile.py)
_.handle_DATA  # aiosmtpd calls its handler's method by name (tests/services/mailbox.py)
_._equipment_sorted
_.type_annotation_map  # SQLAlchemy declarative base (store/models.py)
_.impl  # SQLAlchemy TypeDecorator (store/types.py)
_.cache_ok
_.process_bind_param
_.process_result_value
_.isolation_level  # sqlite3 connection attribute set on connect (store/engine.py)
_.branch_labels  # Alembic revision files
_.depends_on
_.total_tokens  # anyio thread limiter (web/app.py)
_.should_exit  # uvicorn server (tests/e2e)
_.do_GET  # http.server handlers (tests)
_.log_message
_.pytestmark  # pytest module marks
_.formatter_class  # click makes a context's help formatter from it (cli/helptext.py)
_.context_class  # click makes a command's context from it (cli/helptext.py)

# Named in a string: the uvicorn factory `calfcoach serve` runs.
_.serving_app

# Enum members that only data files, forms, the API or the command line name (by value).
_.TIBIALIS_POSTERIOR  # Muscle
_.FIBULARIS
_.FOOT_INTRINSICS
_.QUADRICEPS
_.HAMSTRINGS
_.GLUTEALS
_.HEART_AND_LUNGS
_.METRONOME  # Equipment
_.CALF  # PainSite
_.SHIN
_.FOOT
_.KNEE
_.ADVANCED  # Level
_.STRONGER_CALVES  # Goal
_.ACHILLES_REHAB
_.REHAB  # ProgramKind
_.RUNNING
_.HOP  # cli/selftest.py Kind

# Fields that are written and then read as a whole (model_dump, asdict, templates, JSON), never one by one.
_.time_ticks  # charts/plan.py, read by templates/activity.html
_.speed_ticks
_.calories_kcal  # activities/model.py Totals
_.descent_m
_.avg_pace_s_per_km  # activities/summary.py ActivitySummary
_.best_km_s
_.max_grade_pct
_.max_hr_bpm
_.avg_cadence_spm
_.max_cadence_spm
_.duration_min  # charts/rows.py
_.hip_far  # demos/motion.py pose and stance fields, read from the motion files
_.knee_far
_.mtp
_.mtp_far
_.shoulder_far
_.elbow_far
_.lift_m
_.minutes_per_set  # domain/exercise.py, from the exercise files
_.started_offset_s  # store/models.py columns
_.used_at

# Fields of the read models (services/views.py) that no Python code reads: pydantic serialises them into the
# API's answers and the CLI's --json, and the page templates read them by name.
_.adherence
_.cardio_min
_.complete
_.credited
_.csrf_token
_.disclaimer
_.done_today  # the ids of the day's logs, for API clients (Today shows `done`)
_.dose_text
_.ends_on
_.file_url
_.last_activity
_.max_pain_28_days
_.next_session
_.sport_name  # an imported recording's sport in the athlete's language, for the upload page (upload.js)
_.not_counted
_.pain_action
_.reason_data  # the reason as a code with SI figures, for API clients (docs/reasons.md)
_.sessions_28_days
_.sessions_total
_.tempo_text
_.watch_workout  # Today offers the session's FIT file when it is true (_watch_workout.html)

# What form templates call on web/forms.Fields (the fields, their messages and the form's alert).
_.describes
_.form_error

# decimal.Context precision, read by the decimal module (tests/activities/test_numtext.py).
_.prec

# fit-tool message fields, set as attributes and written into the FIT workout file (activities/fit_workout.py).
_.time_created
_.serial_number
_.workout_name
_.workout_description
_.num_valid_steps
_.message_index
_.workout_step_name
_.duration_type
_.duration_time
_.duration_step
_.target_type
_.target_value
_.target_repeat_steps
_.custom_target_speed_low
_.custom_target_speed_high
