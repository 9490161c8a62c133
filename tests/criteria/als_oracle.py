"""An independent, count-based oracle for the ALS criteria, written from the papers.

Each body region is coded as a 3-bit number (1 = UMN, 2 = clinical LMN, 4 = EMG LMN),
regions in rostro-caudal order (bulbar, cervical, thoracic, lumbosacral). The category
is looked up in a table keyed by capped counts and one rostral flag, built from the
wording of the criteria rather than from the implementation's rule objects.
"""

from __future__ import annotations

from itertools import product

UMN, LMN, EMG = 1, 2, 4

# Revised El Escorial (Brooks 2000), keyed by
# (regions with UMN+clinical LMN capped at 3, UMN regions capped at 2,
#  EMG regions capped at 2, clinical LMN rostral to UMN).
EL_ESCORIAL: dict[tuple[int, int, int, bool], str] = {}
for both, umn, emg, rostral in product(range(4), range(3), range(3), (False, True)):
    if both == 3:
        label = "definite"
    elif both == 2:
        label = "probable"
    elif umn >= 1 and emg == 2:
        label = "probable_laboratory_supported"
    elif both == 1 or umn == 2 or rostral:
        label = "possible"
    else:
        label = "not_met"
    EL_ESCORIAL[(both, umn, emg, rostral)] = label

# Awaji (de Carvalho 2008): EMG equals clinical LMN; no laboratory-supported category.
AWAJI: dict[tuple[int, int, bool], str] = {}
for both, umn, rostral in product(range(4), range(3), (False, True)):
    AWAJI[(both, umn, rostral)] = (
        "definite"
        if both == 3
        else "probable"
        if both == 2
        else "possible"
        if both == 1 or umn == 2 or rostral
        else "not_met"
    )


def _rostral(lmn_positions: list[int], umn_positions: list[int]) -> bool:
    return bool(lmn_positions and umn_positions) and min(lmn_positions) < max(umn_positions)


def el_escorial(codes: tuple[int, ...], familial: bool = False) -> str:
    """Expected revised El Escorial category for four region codes."""
    if familial and any(c & (UMN | LMN) for c in codes):
        return "definite"
    both = sum(1 for c in codes if c & (UMN | LMN) == UMN | LMN)
    umn = sum(1 for c in codes if c & UMN)
    emg = sum(1 for c in codes if c & EMG)
    lmn_at = [i for i, c in enumerate(codes) if c & LMN]
    umn_at = [i for i, c in enumerate(codes) if c & UMN]
    return EL_ESCORIAL[(min(both, 3), min(umn, 2), min(emg, 2), _rostral(lmn_at, umn_at))]


def awaji(codes: tuple[int, ...]) -> str:
    """Expected Awaji category: a region's LMN evidence is clinical or EMG."""
    merged = tuple((c & UMN) | (LMN if c & (LMN | EMG) else 0) for c in codes)
    both = sum(1 for c in merged if c == UMN | LMN)
    umn = sum(1 for c in merged if c & UMN)
    lmn_at = [i for i, c in enumerate(merged) if c & LMN]
    umn_at = [i for i, c in enumerate(merged) if c & UMN]
    return AWAJI[(min(both, 3), min(umn, 2), _rostral(lmn_at, umn_at))]


def gold_coast(codes: tuple[int, ...]) -> str:
    """Expected Gold Coast result: LMN in 2 regions, or UMN and LMN both present."""
    lmn = sum(1 for c in codes if c & (LMN | EMG))
    umn = sum(1 for c in codes if c & UMN)
    return "met" if lmn >= 2 or (lmn >= 1 and umn >= 1) else "not_met"
