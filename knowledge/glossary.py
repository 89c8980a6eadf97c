"""Hindi for the engine's own English vocabulary: roles, notes, figure names, sectors, dates.

The engine's values (and `--json`) stay English; a Hindi reply looks each phrase up here. A
phrase is translated whole, or by a pattern whose captured parts are place names (shown in
Devanagari with the English beside them) or dates; a "; "-joined note is translated piece by
piece. A phrase missing here stays English, and tests/test_hindi.py finds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Exact phrases, compared case-insensitively (the official list writes "dairy" and "Dairy").
TERMS_HI: dict[str, str] = {
    # committee roles and who holds them
    "DEPC chair": "DEPC अध्यक्ष",
    "DEPC co-chair": "DEPC सह-अध्यक्ष",
    "DEPC convener": "DEPC संयोजक",
    "SEPC chair": "SEPC अध्यक्ष",
    "SEPC convener": "SEPC संयोजक",
    "SEPC co-convener": "SEPC सह-संयोजक",
    "SEPC members": "SEPC सदस्य",
    "SEPC special invitees": "SEPC विशेष आमंत्रित",
    "SEPC member secretary": "SEPC सदस्य सचिव",
    "DEPC attended a meeting": "DEPC की बैठक में शामिल हुए",
    "designated DGFT Regional Authority": "नामित DGFT क्षेत्रीय प्राधिकरण",
    "attended a meeting of the DEPC": "DEPC की बैठक में शामिल हुए",
    "District Industries Centre": "ज़िला उद्योग केंद्र",
    "State industries / export office": "राज्य का उद्योग / निर्यात कार्यालय",
    # contacts
    "DGFT Regional Authority": "DGFT क्षेत्रीय प्राधिकरण",
    "DGFT helpdesk": "DGFT हेल्पडेस्क",
    "Export Promotion Council": "निर्यात संवर्धन परिषद (EPC)",
    "Directorate General of Foreign Trade — helpdesk on the DGFT website":
        "विदेश व्यापार महानिदेशालय (DGFT) — DGFT की वेबसाइट पर हेल्पडेस्क",
    "DGFT office located in this district": "DGFT का कार्यालय इसी ज़िले में है",
    "DGFT office in this State; which office covers a given district is not in our sources":
        "इस राज्य में DGFT का कार्यालय; कौन सा कार्यालय किस ज़िले को देखता है, यह हमारे स्रोतों "
        "में नहीं है",
    "website unverified": "वेबसाइट की पुष्टि नहीं हुई",
    "no district record in our sources": "हमारे स्रोतों में इस ज़िले का कोई रिकॉर्ड नहीं",
    # where a DGFT office's jurisdiction comes from (dgft_ra_jurisdiction.csv evidence_type)
    "district website": "ज़िले की वेबसाइट",
    "inferred from DEAP authorship": "DEAP किसने लिखी, उससे अनुमान",
    "inferred from DEPC membership": "DEPC की सदस्यता से अनुमान",
    "inferred from meeting role": "बैठक में भूमिका से अनुमान",
    "news": "समाचार",
    "news (state G.O.)": "समाचार (राज्य का सरकारी आदेश)",
    "notified": "अधिसूचित",
    "official page": "आधिकारिक पृष्ठ",
    "official page (old RA website)": "आधिकारिक पृष्ठ (RA की पुरानी वेबसाइट)",
    # how far a plan's evidence reaches (plan_status_evidence.csv evidence_scope)
    "district document": "ज़िले का दस्तावेज़",
    "UT-wide statement (all 20 districts)": "पूरे केंद्रशासित प्रदेश का कथन (सभी 20 ज़िले)",
    "district news": "ज़िले की ख़बर",
    "district news (Gujarati blog)": "ज़िले की ख़बर (गुजराती ब्लॉग)",
    "district news (Hindi)": "ज़िले की ख़बर (हिंदी)",
    "district news (Telugu)": "ज़िले की ख़बर (तेलुगु)",
    "district news (Urdu)": "ज़िले की ख़बर (उर्दू)",
    "official press release": "आधिकारिक प्रेस विज्ञप्ति",
    "state news": "राज्य की ख़बर",
    "state portal listing": "राज्य के पोर्टल की सूची",
    "state-wide notification": "पूरे राज्य के लिए अधिसूचना",
    "zonal DEPC (multi-district)": "क्षेत्रीय DEPC (कई ज़िले)",
    # dates the sources give only roughly (plan evidence "date" column), with our note on each
    "2020-11-20 (Friday before 2020-11-21 dateline)":
        "2020-11-20 (ख़बर की 2020-11-21 की तारीख़ से पहले का शुक्रवार)",
    "2022 (posted online 2023-01-18)": "2022 (ऑनलाइन 2023-01-18 को डाला गया)",
    "c. 2020-11-20/21 (reported 2020-11-22)": "लगभग 2020-11-20/21 (ख़बर 2020-11-22 की)",
    "c. 2020-11-28 (page date)": "लगभग 2020-11-28 (पृष्ठ की तारीख़)",
    "c. 2020-12 (Wednesday; exact day not recorded)":
        "लगभग 2020-12 (बुधवार; सही दिन दर्ज नहीं)",
    "c. 2021-08 (blog post month)": "लगभग 2021-08 (ब्लॉग पोस्ट का महीना)",
    "c. 2023-11-23 (day/month in report; year inferred, unverified)":
        "लगभग 2023-11-23 (दिन/महीना ख़बर में; वर्ष अनुमानित, असत्यापित)",
    "undated (DC Dr Bilal Mohi-ud-Din Bhat era; later than the 2023-06-04 row - unverified)":
        "तिथि अज्ञात (DC डॉ. बिलाल मोहिउद्दीन भट के कार्यकाल की; 2023-06-04 वाली प्रविष्टि के "
        "बाद की — असत्यापित)",
    "undated (a Tuesday; year not in excerpt)": "तिथि अज्ञात (मंगलवार; अंश में वर्ष नहीं)",
    "undated (c. 2022, Focus@75 period; unverified)":
        "तिथि अज्ञात (लगभग 2022, Focus@75 की अवधि; असत्यापित)",
    "undated (portal build c. 2025; same site shows FY2024-25 export data)":
        "तिथि अज्ञात (पोर्टल लगभग 2025 में बना; उसी साइट पर वित्त वर्ष 2024-25 के निर्यात "
        "आँकड़े हैं)",
    # the official list's categories and sectors
    "Primary": "प्राथमिक",
    "Secondary": "द्वितीयक",
    "Tertiary": "तृतीयक",
    "Others": "अन्य",
    "Agriculture": "कृषि",
    "Dairy": "डेयरी",
    "Food Processing": "खाद्य प्रसंस्करण",
    "Handicraft": "हस्तशिल्प",
    "Handloom": "हथकरघा",
    "handlooms": "हथकरघा",
    "Manufacturing": "विनिर्माण",
    "Marine": "समुद्री उत्पाद",
    "Textile": "वस्त्र",
    # Export Promotion Councils' sectors (epcs.csv)
    "engineering goods": "इंजीनियरिंग सामान",
    "EOU/SEZ units": "EOU/SEZ इकाइयाँ",
    "project exports": "परियोजना निर्यात",
    "chemicals, cosmetics, dyes": "रसायन, सौंदर्य प्रसाधन, रंग",
    "allied products (granite, stone, ceramics, paper etc.)":
        "संबद्ध उत्पाद (ग्रेनाइट, पत्थर, सिरेमिक, कागज़ आदि)",
    "leather and footwear": "चमड़ा और जूते-चप्पल",
    "sports goods": "खेल का सामान",
    "gems and jewellery": "रत्न और आभूषण",
    "shellac, forest products": "लाख (शेलैक), वन उत्पाद",
    "cashew": "काजू",
    "plastics": "प्लास्टिक",
    "pharmaceuticals": "दवाइयाँ",
    "oilseeds and produce": "तिलहन और उपज",
    "services": "सेवाएँ",
    "apex body, multi-product RCMC": "शीर्ष संस्था, कई उत्पादों का RCMC",
    "handicrafts (Ministry of Textiles)": "हस्तशिल्प (वस्त्र मंत्रालय)",
    "carpets (Ministry of Textiles)": "कालीन (वस्त्र मंत्रालय)",
    "handlooms (Ministry of Textiles)": "हथकरघा (वस्त्र मंत्रालय)",
    "apparel (Ministry of Textiles)": "परिधान (वस्त्र मंत्रालय)",
    "silk (Ministry of Textiles)": "रेशम (वस्त्र मंत्रालय)",
    "wool and woollens": "ऊन और ऊनी वस्त्र",
    "cotton textiles": "सूती वस्त्र",
    "synthetic & rayon textiles": "सिंथेटिक और रेयॉन वस्त्र",
    "agri & processed food (statutory authority, not an EPC)":
        "कृषि और प्रसंस्कृत खाद्य (वैधानिक प्राधिकरण, EPC नहीं)",
    "spices (commodity board)": "मसाले (कमोडिटी बोर्ड)",
    "tea (commodity board)": "चाय (कमोडिटी बोर्ड)",
    "coffee (commodity board)": "कॉफ़ी (कमोडिटी बोर्ड)",
    "marine products (statutory authority)": "समुद्री उत्पाद (वैधानिक प्राधिकरण)",
    "natural rubber (commodity board)": "प्राकृतिक रबर (कमोडिटी बोर्ड)",
    "coir (MSME ministry)": "कॉयर/नारियल रेशा (MSME मंत्रालय)",
    # national figures (initiative_stats.csv metric and value)
    "DEPCs notified": "अधिसूचित DEPC",
    "District Action Plans notified by DEPCs": "DEPC द्वारा अधिसूचित ज़िला कार्य योजनाएँ",
    "District Export Action Plans formally notified by DEPCs":
        "DEPC द्वारा औपचारिक रूप से अधिसूचित ज़िला निर्यात कार्य योजनाएँ (DEAP)",
    "ODOP implemented in districts": "जिन ज़िलों में ODOP लागू है",
    "ODOP products identified": "चिह्नित ODOP उत्पाद",
    "ODOP products listed on ODOP digital portal": "ODOP डिजिटल पोर्टल पर सूचीबद्ध ODOP उत्पाद",
    "ODOP products sold on GeM ODOP bazaar": "GeM के ODOP बाज़ार पर बिकने वाले ODOP उत्पाद",
    "States/UTs with DEPC constituted": "जिन राज्यों/केंद्रशासित प्रदेशों में DEPC गठित",
    "States/UTs with SEPC and DEPC constituted":
        "जिन राज्यों/केंद्रशासित प्रदेशों में SEPC और DEPC गठित",
    "States/UTs with SEPC constituted": "जिन राज्यों/केंद्रशासित प्रदेशों में SEPC गठित",
    "States/UTs with state export strategy prepared":
        "जिन राज्यों/केंद्रशासित प्रदेशों ने राज्य निर्यात रणनीति बनाई",
    "States/UTs with state nodal officer":
        "जिन राज्यों/केंद्रशासित प्रदेशों में राज्य नोडल अधिकारी हैं",
    "districts covered by ODOP products": "ODOP उत्पादों वाले ज़िले",
    "districts where DEPC meetings held": "जिन ज़िलों में DEPC की बैठकें हुईं",
    "districts with products identified": "जिन ज़िलों के उत्पाद चिह्नित हुए",
    "districts with products/services with export potential identified":
        "जिन ज़िलों में निर्यात क्षमता वाले उत्पाद/सेवाएँ चिह्नित हुईं",
    "draft District Action Plans prepared by DGFT RAs":
        "DGFT क्षेत्रीय प्राधिकरणों द्वारा तैयार ज़िला कार्य योजनाओं के मसौदे",
    "draft District Export Action Plans prepared by DGFT RAs":
        "DGFT क्षेत्रीय प्राधिकरणों द्वारा तैयार ज़िला निर्यात कार्य योजनाओं (DEAP) के मसौदे",
    "draft District Export Action Plans prepared by DGFT regional authorities":
        "DGFT क्षेत्रीय प्राधिकरणों द्वारा तैयार ज़िला निर्यात कार्य योजनाओं (DEAP) के मसौदे",
    "interaction with all States/UTs on ODOP implementation held":
        "ODOP लागू करने पर सभी राज्यों/केंद्रशासित प्रदेशों के साथ बैठक हुई",
    "all States except West Bengal": "पश्चिम बंगाल को छोड़कर सभी राज्य",
    "ODOP products in the loaded official list": "लोड की गई आधिकारिक सूची में ODOP उत्पाद",
    "districts with ODOP products in the loaded official list":
        "लोड की गई आधिकारिक सूची में ODOP उत्पादों वाले ज़िले",
    "undated": "तिथि अज्ञात",
    "ODOP products in the official list": "आधिकारिक सूची में ODOP उत्पाद",
    "districts with ODOP products in the official list":
        "आधिकारिक सूची में ODOP उत्पादों वाले ज़िले",
    "GI-tagged products in the official ODOP list":
        "आधिकारिक ODOP सूची में GI टैग वाले उत्पाद",
}

# Phrases with a variable part: "place" is a place name, "text" is kept as it is (a date, a
# number) and "paren" is an optional bracketed date, kept in its brackets.
PATTERNS_HI: tuple[tuple[str, str], ...] = (
    (r"District Collector / DM / DC of (?P<place>.+)",
     "{place} के ज़िलाधिकारी (कलेक्टर / DM / DC)"),
    (r"General Manager, District Industries Centre \(DIC\), (?P<place>.+)",
     "महाप्रबंधक, ज़िला उद्योग केंद्र (DIC), {place}"),
    (r"DGFT Regional Authority, (?P<place>[^()]+?)(?: \((?P<paren>.+)\))?",
     "DGFT क्षेत्रीय प्राधिकरण, {place}{paren}"),
    (r"as the Handbook of Procedures prescribes(?: \((?P<paren>.+)\))?",
     "प्रक्रिया पुस्तिका (HBP) के नियम के अनुसार{paren}"),
    (r"as reported(?: \((?P<paren>.+)\))?", "स्रोत में बताए अनुसार{paren}"),
    (r"took over the closed (?P<place>.+?) office(?: \((?P<paren>.+)\))?",
     "बंद हुए {place} कार्यालय का काम इसने संभाला{paren}"),
    (r"undated \(c\. ?(?P<text>.+)\)", "तिथि अज्ञात (लगभग {text})"),
    (r"(?P<text>[\d-]+) \(reported\)", "{text} (रिपोर्ट के अनुसार)"),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), t) for p, t in PATTERNS_HI)
_FOLDED = {k.casefold(): v for k, v in TERMS_HI.items()}


def to_hindi(text: str, place: Callable[[str], str] = str) -> str | None:
    """The Hindi of one of our phrases (or of each piece of a "; "-joined note), else None.

    `place` shows a place name in Hindi ("मुरादाबाद (Moradabad)").
    """
    whole = _phrase(text, place)
    if whole is not None or "; " not in text:
        return whole
    pieces = [_phrase(p, place) for p in text.split("; ")]
    return "; ".join(p for p in pieces if p is not None) if None not in pieces else None


def _phrase(text: str, place: Callable[[str], str]) -> str | None:
    found = _FOLDED.get(text.strip().casefold())
    if found is not None:
        return found
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(text.strip())
        if m:
            parts = m.groupdict()
            return template.format(
                place=place(parts["place"]) if parts.get("place") else "",
                text=parts.get("text") or "",
                paren=f" ({parts['paren']})" if parts.get("paren") else "",
            )
    return None
