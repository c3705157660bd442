import datetime as dt
from pathlib import Path

from calfcoach.assess.interpret import interpret
from calfcoach.assess.sources import all_sources
from calfcoach.charts import CHARTS
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.domain.profile import Sex

DOC = Path(__file__).resolve().parents[2] / "docs" / "assessments.md"


def test_the_assessments_page_documents_every_test_chart_and_source() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [f"`{k.value}`" for k in TestKind if f"`{k.value}`" not in text]
    missing += [f"`{name}`" for name in CHARTS if f"`{name}`" not in text]
    missing += [s.short for s in all_sources().values() if s.short.split(" (")[0] not in text]
    assert not missing, f"docs/assessments.md does not mention {missing}"


def test_the_interpretation_example_in_the_docs_is_what_the_code_says() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("## Interpretation", 1)[1].split("```\n", 2)[1]
    reading = interpret(
        TestResult(day=dt.date(2026, 3, 2), kind=TestKind.HEEL_RAISE, left=18, right=24),
        age=None,
        sex=Sex.FEMALE,
    )
    assert block.splitlines() == list(reading.summary)
