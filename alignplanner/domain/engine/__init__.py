"""The funnel engine: target -> required entries per stage, source and month
(funnel-math sections 1 to 4), then capacity and SLA feasibility per month."""
