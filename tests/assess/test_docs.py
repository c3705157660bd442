from pathlib import Path

from calfcoach.assess.sources import all_sources
from calfcoach.charts import CHARTS
from calfcoach.domain.log import TestKind

DOC = Path(__file__).resolve().parents[2] / "docs" / "assessments.md"


def test_the_assessments_page_documents_every_test_chart_and_source() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [f"`{k.value}`" for k in TestKind if f"`{k.value}`" not in text]
    missing += [f"`{name}`" for name in CHARTS if f"`{name}`" not in text]
    missing += [s.short for s in all_sources().values() if s.short.split(" (")[0] not in text]
    assert not missing, f"docs/assessments.md does not mention {missing}"
