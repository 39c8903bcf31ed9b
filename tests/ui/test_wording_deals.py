"""The deals the plan must win, said one way: the total, new leads' part, the open
pipeline's part, and why their whole numbers do not add up when they do not."""

from __future__ import annotations

from dataclasses import replace

import pytest
from chart_plans import sample_document

from alignplanner.ui.wording import Deals, deals, deals_caption, deals_gap, deals_sentence


@pytest.fixture
def sample() -> Deals:
    document = sample_document()
    return deals(document.plan, document.result)


def test_the_sample_plan_s_deals(sample: Deals) -> None:
    """By hand from the sample plan (9,000,000 USD; inbound 36,000 USD deals, outbound
    40,000, partner 45,000; rounding "ceil"): 236.25 deals for the target, rounded up
    237; 207.45 from new leads, rounded up 208; 30.48 expected from the pipeline, at the
    average 36,000 USD, shown as 30."""
    assert sample.total == 237
    assert sample.exact == pytest.approx(236.25)
    assert sample.new == 208
    assert sample.new_exact == pytest.approx(207.45, abs=0.005)
    assert sample.pipeline == pytest.approx(30.48, abs=0.005)
    assert sample.sizes_differ
    assert not sample.adds_up  # 208 + 30 = 238
    assert deals_caption(sample) == "deals to win: 208 from new leads, 30 from open pipeline"
    assert deals_sentence(sample) == (
        "237 deals to win: 208 from new leads, 30 from the open pipeline. (208 + 30 is not "
        "237: each is rounded on its own, and the pipeline's deals are counted at the "
        "36,000 USD average deal size.)")


def test_parts_that_add_up_need_no_explaining(sample: Deals) -> None:
    even = replace(sample, total=238)
    assert even.adds_up
    assert deals_gap(even) == ""
    assert deals_sentence(even) == ("238 deals to win: 208 from new leads, 30 from the open "
                                    "pipeline.")


def test_without_pipeline_every_deal_comes_from_new_leads(sample: Deals) -> None:
    none = replace(sample, total=208, pipeline=0.01)
    assert deals_caption(none) == "deals to win, all from new leads"
    assert deals_sentence(none) == "208 deals to win: all 208 from new leads."
    rounded = replace(none, total=207)
    assert deals_gap(rounded) == "(208 is not 207: each is rounded on its own.)"
