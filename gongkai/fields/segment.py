"""jieba segmentation with gongkai's own fiscal dictionary.

The tokenizer is built once per process from ``schemas.vocabulary`` (subject names, 科目
names, measures, fillers), so fiscal terms such as 一般公共预算财政拨款 or 年初结转和结余
come out as single tokens. It uses only that dictionary — loading jieba's general
dictionary would cost more than a second per process and adds nothing to label parsing —
and jieba is imported only when a label holds something to strip (an organisation name).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from functools import lru_cache

from gongkai.schemas.vocabulary import dictionary_terms

# an organisation name ends in one of these, perhaps followed by what it stands for: 街道办事处（部门）
_ORG_END = re.compile(r"(?:局|委员会|委|办公室|办|部门|部|中心|院|所|站|队|厅|处|署|会|集团|公司)(?:[（(](?:部门|单位|本级)[)）])?$")
_FILLER = {"本部门", "本单位", "本年度", "其中", "部门", "年度", "全年", "单位"}
_ORG_CHARS = frozenset("局委办部心院所站队厅处署会司团")


@lru_cache(maxsize=1)
def tokenizer():  # type: ignore[no-untyped-def]
    """The shared jieba tokenizer over the fiscal dictionary (built on first use)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    terms = dictionary_terms()
    lines = [f"{t.word} {1000 + 100 * len(t.word)} {t.tag}" for t in terms]
    content = "\n".join(lines) + "\n"
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:12]
    folder = os.path.join(tempfile.gettempdir(), "gongkai")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"fiscal-dict-{digest}.txt")
    if not os.path.exists(path):
        temporary = f"{path}.{os.getpid()}"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(temporary, path)
    instance = jieba.Tokenizer(dictionary=path)
    instance.tmp_dir = folder
    instance.initialize()
    return instance


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    return frozenset(t.word for t in dictionary_terms())


def segment(text: str) -> list[str]:
    """``text`` as tokens; runs of characters the dictionary does not know stay together."""
    if not text:
        return []
    known = _known_words()
    tokens: list[str] = []
    pending = ""
    for token in tokenizer().cut(text, HMM=False):
        if token in known or not re.fullmatch(r"[\u4e00-\u9fff]", token):
            if pending:
                tokens.append(pending)
                pending = ""
            tokens.append(token)
        else:
            pending += token
    if pending:
        tokens.append(pending)
    return tokens


@lru_cache(maxsize=4096)
def strip_filler_tokens(text: str) -> str:
    """Drop an organisation name or filler words before a known fiscal term.

    ``某区商务局总编制人数`` → ``总编制人数``; ``商务局三公经费`` → ``三公经费``; text
    that does not end in a known term is returned unchanged.
    """
    if len(text) < 3 or not (_ORG_CHARS & set(text[:-2]) or text.startswith(tuple(_FILLER))):
        return text  # nothing to strip: spare loading jieba at all
    tokens = segment(text)
    if len(tokens) < 2:
        return text
    known = _known_words()
    # the subject is the trailing run of known terms and the unknown text right before them
    index = len(tokens) - 1
    if tokens[index] not in known:
        return text
    while index > 0 and tokens[index - 1] in known and tokens[index - 1] not in _FILLER:
        index -= 1
    prefix = "".join(tokens[:index])
    if not prefix:
        return text
    if prefix in _FILLER or _ORG_END.search(prefix) or all(t in _FILLER for t in tokens[:index]):
        return "".join(tokens[index:])
    return text
