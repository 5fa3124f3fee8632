"""Checks between documents: consecutive years of one department, the two files of one publication."""

from gongkai.crossdoc.compare import CROSS_RULES, CrossResult, compare_all, compare_group, group_key, number_results
from gongkai.crossdoc.digest import digest_of

__all__ = ["CROSS_RULES", "CrossResult", "compare_all", "compare_group", "digest_of", "group_key", "number_results"]
