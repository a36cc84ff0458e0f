"""After publication: yearly monitoring reports and the 中期 / 总结评估 skeletons (see docs/monitoring.md)."""
