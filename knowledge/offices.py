"""Offices to contact about a place: District Industries Centres and State industries offices.

Each is the office as a source listed it (never the person holding the post), with the date of
that listing and the source's own doubts beside it.
"""

from __future__ import annotations

from knowledge.answer import Contact
from knowledge.catalog import Catalog, OfficeRec

DIC_ROLE = "District Industries Centre"
STATE_OFFICE_ROLE = "State industries / export office"


def office_contact(o: OfficeRec) -> Contact:
    role = DIC_ROLE if o.district_id is not None else STATE_OFFICE_ROLE
    # the listing's date and the source's own doubts, in the source's words
    quoted = "; ".join(x for x in (o.as_of, o.doubt) if x)
    return Contact(role=role, name=o.office, email=o.email, phone=o.phone, address=o.address,
                   quoted=quoted, source=o.source, quoted_name=True)


def district_offices(catalog: Catalog, district_id: int, state_id: int) -> list[Contact]:
    """The district's own centre first, then its State's offices."""
    own = catalog.offices_by_district.get(district_id, [])
    return [office_contact(o) for o in own] + state_offices(catalog, state_id)


def state_offices(catalog: Catalog, state_id: int) -> list[Contact]:
    return [office_contact(o) for o in catalog.offices_by_state.get(state_id, [])]
