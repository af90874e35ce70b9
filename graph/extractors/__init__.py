"""Extraction strategies, one per module, each behind the `Extractor` interface (see base.py).

They run in `EXTRACTORS` order; each reads what earlier ones found on the Document and returns
`Findings` without touching the Document (the pipeline applies them).
"""
from .base import Extractor
from .bodies import BodyExtractor
from .jurisdiction import JurisdictionExtractor
from .meetings import MeetingExtractor
from .metadata import MetadataExtractor
from .persons import PersonExtractor
from .places import PlaceExtractor
from .policies import PolicyExtractor
from .reported import ReportedExtractor
from .roles import RoleExtractor

EXTRACTORS: list[Extractor] = [MetadataExtractor(), JurisdictionExtractor(), PersonExtractor(), MeetingExtractor(),
                                RoleExtractor(), ReportedExtractor(), PolicyExtractor(), PlaceExtractor(),
                                BodyExtractor()]
# The one extractor whose mentions are meetings (the others only read them): a report in which it
# finds none is dropped by the build, which so runs nothing after it there (pipeline.extract).
FINDS_MEETINGS = MeetingExtractor.name
