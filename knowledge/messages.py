"""Every sentence a reply is built from, in English and Hindi (same keys, same placeholders).

Hindi terms used throughout: ज़िला (district), राज्य (State), ज़िला निर्यात कार्य योजना (District
Export Action Plan, DEAP), ज़िला/राज्य निर्यात संवर्धन समिति (DEPC/SEPC), DGFT क्षेत्रीय
प्राधिकरण (Regional Authority), ज़िला उद्योग केंद्र (DIC), अधिसूचित (notified), मसौदा (draft).
Acronyms stay in Latin letters, as officials write them in Hindi too.
"""

from __future__ import annotations

import string

EN: dict[str, str] = {
    "district_in": "{district} ({state})",
    "district_title": "{place} — ODOP products",
    "district_lgd": "LGD code: {code} (Local Government Directory)",
    "district_lgd_none": "LGD code: not in our copy of the Local Government Directory",
    "no_products": "The official list names no ODOP product for {district}.",
    "topic_missing": "“{topic}” is not on {district}'s list; its products are below.",
    "gi": "GI",
    "description": "{text}",
    "plan_line": "Export action plan: {status} ({as_of})",
    "plan_unknown": "Export action plan: status not known to us — ask the DEPC convener "
                    "(GM, District Industries Centre) or the DGFT Regional Authority.",
    "products_title": "{topic} — ODOP product in {count} district(s)",
    "products_title_state": "{topic} in {state} — ODOP product in {count} district(s)",
    "odop_products": "ODOP products",
    "gi_products": "GI-tagged ODOP products",
    "products_none": "No ODOP product in the official list matches “{topic}”.",
    "products_none_in_state": "No district of {state} lists “{topic}”; here is where it is "
                              "listed.",
    "state_title": "{state} — ODOP overview",
    "state_counts": "{products} products in {districts} districts; {gi} GI-tagged.",
    "plan_title": "{place} — District Export Action Plan",
    "plan_state_title": "{state} — District Export Action Plans",
    "plan_national_title": "District Export Action Plans — national figures",
    "plan_status_unknown": "Not known: our sources have no record of this district's plan.",
    "plan_officer_source": "source: {source}",
    "plan_state_none": "Our sources record no district plan in {state}.",
    "plan_how": "DGFT Regional Authorities draft each plan; the district's DEPC then notifies it.",
    "national_line": "{metric}: {value} ({as_of})",
    "quoted_note": "{lead}{text}",
    "quoted_name": "{text}",
    "everything": "everything",
    "quoted_more": "{lead}{text}",
    "who_knows": "Who would know:",
    "committee_title": "{place} — export promotion committees",
    "committee_records": "Recorded meetings and decisions of this DEPC:",
    "committee_explained_title": "SEPC and DEPC — what they are",
    "committee_sepc_unknown": "The composition of {state}'s SEPC is not in our sources; in the "
                              "States we know of, the Chief Secretary chairs it.",
    "contact_title": "{place} — who to contact",
    "contact_general_title": "Who to contact",
    "contact_missing": "no phone or e-mail in our sources",
    "stats_title": "ODOP and Districts as Export Hubs — figures over time",
    "figure_line": "{value} {metric} (as of {as_of})",
    "figure_earlier": "Earlier figures and other reports:",
    "months": "January February March April May June July August September October November "
              "December",
    "about_title": "About ODOP",
    "define_deap": "DEAP — District Export Action Plan",
    "define_depc": "DEPC — District Export Promotion Committee",
    "define_sepc": "SEPC — State Export Promotion Committee",
    "define_gi": "GI — Geographical Indication tag",
    "define_odop": "ODOP — One District One Product",
    "define_deh": "Districts as Export Hubs",
    "define_dic": "DIC — District Industries Centre",
    "define_dgft": "DGFT — Directorate General of Foreign Trade",
    "define_ra": "RA — Regional Authority (DGFT)",
    "define_lgd": "LGD — Local Government Directory",
    "help_title": "Ask me about India's One District One Product (ODOP) list.",
    "help_examples": "Try: “moradabad”, “haldi kahan hoti hai”, “carpets in UP”, "
                     "“Bihar”, “DEAP status Erode”, “who chairs the DEPC of Varanasi”, "
                     "“DGFT contact Ludhiana”, “how many districts have export plans”, "
                     "“what is ODOP”.",
    "clarify": "Several districts are called “{name}”. Which one do you mean?",
    "clarify_divided": "“{name}” was divided into {count} districts (from {year}). Which one "
                       "do you mean?",
    "unknown": "Sorry, I don't know that. I answer questions about ODOP products, districts, "
               "States, export plans, committees and contacts.",
    "unknown_suggest": "Did you mean: {names}?",
    "unknown_place": "I don't know a place called “{name}”: it is not a district or State in "
                     "the official ODOP list.",
    "unknown_word": "I don't know “{name}”: it is not a district, State or product in the "
                    "official ODOP list.",
    "outside_price": "Market prices and rates are outside what I know.",
    "outside_howto": "How to grow, make or cook things is outside what I know.",
    "outside_tax": "Taxes and duties are outside what I know.",
    "outside_finance": "Loans, subsidies and finance schemes are outside what I know.",
    "outside_weather": "Weather is outside what I know.",
    "outside_sports": "Sports are outside what I know.",
    "outside_shopping": "Where to buy or sell things is outside what I know.",
    "outside_health": "Health and nutrition are outside what I know.",
    "outside_logistics": "Freight, shipping and the IEC (importer-exporter code) are outside "
                         "what I know.",
    "outside_other": "That is outside what I know.",
    "outside_jobs": "Jobs, pay and recruitment are outside what I know.",
    "outside_known": "What I do know: “{topic}” is an ODOP product of {count} district(s): "
                     "{places}.",
    "and_more": " and {count} more",
    "unknown_try": "Try a district (“Moradabad”), a product (“turmeric”) or a State (“Bihar”).",
    "truncated": "(Your message was long: I read only the start of it, up to {words} words.)",
    "source": "Source: {source}",
    "source_as_of": "Source: {source}, as of {as_of}",
    "status_draft": "draft",
    "status_notified": "notified",
    "status_unknown": "unknown",
    "unverified_hi": "Hindi name (unverified): {name}",
    "undated": "undated",
    "evidence_report": "news report — weak evidence",
    "evidence_statement": "a statement about the whole State/UT — weak evidence for one district",
    "evidence_officer": "reported by an officer",
    "source_words": "the source's words: “{words}”",
    "plan_conflict": "Sources disagree: {earlier} ({earlier_as_of}; {earlier_source}), but a "
                     "later source says only {later} ({later_as_of}; {later_source}). Both are "
                     "shown; neither is taken as the final word.",
    "plan_conflict_hint": "Sources disagree about this plan: ask for its plan status to see "
                          "both, with their dates and sources.",
    "dgft_title": "{place} — DGFT Regional Authority",
    "dgft_general_title": "Which DGFT office covers a place",
    "dgft_offices_title": "DGFT offices",
    "dgft_office_name": "DGFT Regional Authority, {city}",
    "dgft_stated": "{office}: its jurisdiction includes {place} — source's words: “{detail}”"
                   "{when}",
    "dgft_inferred": "{office}: inferred, not stated — “{detail}”{when}",
    "dgft_located": "{office}: the office is in {place}",
    "dgft_only_office": "{office}: the only DGFT office in {state} in our list (inferred; the "
                        "jurisdiction itself is not in our sources)",
    "dgft_merged": "{office}: since {as_of} — the {via} office was closed and merged into it",
    "dgft_whole_state": "{office}: its jurisdiction covers {place} — source's words: "
                        "“{detail}”{when}",
    "dgft_excluded": "Another source leaves {place} out of the jurisdiction of {office} — "
                     "“{detail}”{when}",
    "dgft_unnamed": "A DGFT officer took part for {place}, but the source names no office — "
                    "“{detail}”{when}",
    "dgft_state_offices": "DGFT offices in {state}: {offices}. Which of them covers {place} is "
                          "not in our sources.",
    "dgft_unknown": "Which DGFT office covers {place} is not in our sources.",
    "dgft_more_offices": "{state} has {count} more DGFT offices than those listed here; "
                         "dgft.gov.in lists them all.",
    "dgft_zonal": "DGFT's {count} zonal offices, headed by Additional DGFTs: {offices}.",
    "dgft_listed": "Open DGFT offices in our list ({count}; closed and merged ones left out): "
                   "{offices}.",
    "dgft_ask_place": "Name a district or State I know, e.g. “which DGFT office covers "
                      "Belagavi”.",
    "dgft_check": "Jurisdictions change: the current list of Regional Authorities is on "
                  "https://www.dgft.gov.in.",
}

HI: dict[str, str] = {
    "district_in": "{district}, {state}",
    "district_title": "{place} — ODOP उत्पाद",
    "district_lgd": "LGD कोड: {code} (स्थानीय सरकार निर्देशिका)",
    "district_lgd_none": "LGD कोड: स्थानीय सरकार निर्देशिका की हमारी प्रति में नहीं है",
    "no_products": "आधिकारिक सूची में {district} का कोई ODOP उत्पाद नहीं है।",
    "topic_missing": "“{topic}” {district} की सूची में नहीं है; इसके उत्पाद नीचे हैं।",
    "gi": "GI",
    "description": "पोर्टल का विवरण (अंग्रेज़ी में): “{text}”",
    "plan_line": "ज़िला निर्यात कार्य योजना (DEAP): {status} ({as_of})",
    "plan_unknown": "ज़िला निर्यात कार्य योजना (DEAP): इसकी स्थिति हमें ज्ञात नहीं — DEPC के "
                    "संयोजक (महाप्रबंधक, ज़िला उद्योग केंद्र) या DGFT क्षेत्रीय प्राधिकरण से "
                    "पूछें।",
    "products_title": "“{topic}” — {count} ज़िलों में ODOP उत्पाद",
    "products_title_state": "{state} में “{topic}” — {count} ज़िलों में ODOP उत्पाद",
    "products_none": "आधिकारिक सूची में “{topic}” से मेल खाता कोई ODOP उत्पाद नहीं है।",
    "products_none_in_state": "{state} के किसी ज़िले की सूची में “{topic}” नहीं है; यह जहाँ "
                              "सूचीबद्ध है, वे ज़िले ये हैं।",
    "state_title": "{state} — ODOP सारांश",
    "state_counts": "{districts} ज़िलों में {products} उत्पाद; इनमें {gi} पर GI टैग है।",
    "plan_title": "{place} — ज़िला निर्यात कार्य योजना (DEAP)",
    "plan_state_title": "{state} — ज़िला निर्यात कार्य योजनाएँ (DEAP)",
    "plan_national_title": "ज़िला निर्यात कार्य योजनाएँ (DEAP) — राष्ट्रीय आँकड़े",
    "plan_status_unknown": "ज्ञात नहीं: हमारे स्रोतों में इस ज़िले की योजना का कोई रिकॉर्ड नहीं है।",
    "plan_officer_source": "स्रोत: {source}",
    "plan_state_none": "हमारे स्रोतों में {state} की किसी ज़िला योजना का रिकॉर्ड नहीं है।",
    "plan_how": "हर योजना का मसौदा DGFT क्षेत्रीय प्राधिकरण बनाता है; फिर ज़िले की DEPC उसे "
                "अधिसूचित करती है।",
    "national_line": "{metric}: {value} ({as_of})",
    "quoted_note": "{lead}स्रोत के शब्द: “{text}”",
    "quoted_name": "“{text}”",
    "everything": "सब कुछ",
    "quoted_more": "{lead}“{text}”",
    "who_knows": "कौन बता सकता है:",
    "committee_title": "{place} — निर्यात संवर्धन समितियाँ",
    "committee_records": "इस DEPC की दर्ज बैठकें और निर्णय:",
    "committee_explained_title": "SEPC और DEPC — ये क्या हैं",
    "committee_sepc_unknown": "{state} की SEPC की संरचना हमारे स्रोतों में नहीं है; जिन "
                              "राज्यों की जानकारी है, वहाँ मुख्य सचिव इसके अध्यक्ष हैं।",
    "contact_title": "{place} — किससे संपर्क करें",
    "contact_general_title": "किससे संपर्क करें",
    "contact_missing": "हमारे स्रोतों में फ़ोन या ई-मेल नहीं",
    "stats_title": "ODOP और ‘निर्यात हब के रूप में ज़िले’ — समय के साथ आँकड़े",
    "about_title": "ODOP के बारे में",
    "help_title": "मुझसे भारत की ‘एक ज़िला एक उत्पाद’ (ODOP) सूची के बारे में पूछें।",
    "help_examples": "जैसे: “मुरादाबाद”, “हल्दी कहाँ होती है”, “उत्तर प्रदेश में कालीन”, "
                     "“बिहार”, “इरोड की निर्यात योजना”, “वाराणसी की DEPC का अध्यक्ष कौन है”, "
                     "“लुधियाना DGFT संपर्क”, “कितने ज़िलों की निर्यात योजना है”, "
                     "“ODOP क्या है”। आप अंग्रेज़ी या हिंग्लिश में भी पूछ सकते हैं।",
    "clarify": "“{name}” नाम के कई ज़िले हैं। आपका मतलब कौन सा है?",
    "clarify_divided": "“{name}” ({year} से) {count} ज़िलों में बँट चुका है। आपका मतलब कौन सा है?",
    "unknown": "क्षमा करें, यह मुझे नहीं पता। मैं ODOP उत्पादों, ज़िलों, राज्यों, निर्यात "
               "योजनाओं, समितियों और संपर्कों के बारे में बताता हूँ।",
    "unknown_suggest": "क्या आपका मतलब है: {names}?",
    "odop_products": "ODOP उत्पाद",
    "gi_products": "GI टैग वाले ODOP उत्पाद",
    "figure_line": "{value} — {metric} ({as_of} तक)",
    "figure_earlier": "पहले के और दूसरे स्रोतों के आँकड़े:",
    "months": "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर",
    "define_deap": "DEAP — ज़िला निर्यात कार्य योजना",
    "define_depc": "DEPC — ज़िला निर्यात संवर्धन समिति",
    "define_sepc": "SEPC — राज्य निर्यात संवर्धन समिति",
    "define_gi": "GI — भौगोलिक संकेत टैग",
    "define_odop": "ODOP — एक ज़िला एक उत्पाद",
    "define_deh": "निर्यात हब के रूप में ज़िले (Districts as Export Hubs)",
    "define_dic": "DIC — ज़िला उद्योग केंद्र",
    "define_dgft": "DGFT — विदेश व्यापार महानिदेशालय",
    "define_ra": "RA — क्षेत्रीय प्राधिकरण (DGFT)",
    "define_lgd": "LGD — स्थानीय सरकार निर्देशिका",
    "unknown_place": "“{name}” नाम की कोई जगह मुझे नहीं पता: यह आधिकारिक ODOP सूची का कोई "
                     "ज़िला या राज्य नहीं है।",
    "unknown_word": "“{name}” मुझे नहीं पता: यह आधिकारिक ODOP सूची का कोई ज़िला, राज्य या "
                    "उत्पाद नहीं है।",
    "outside_price": "बाज़ार भाव और दरें मेरी जानकारी से बाहर हैं।",
    "outside_howto": "कोई चीज़ उगाने, बनाने या पकाने का तरीका मेरी जानकारी से बाहर है।",
    "outside_tax": "कर और शुल्क मेरी जानकारी से बाहर हैं।",
    "outside_finance": "ऋण, सब्सिडी और वित्तीय योजनाएँ मेरी जानकारी से बाहर हैं।",
    "outside_weather": "मौसम मेरी जानकारी से बाहर है।",
    "outside_sports": "खेलकूद मेरी जानकारी से बाहर है।",
    "outside_shopping": "कोई चीज़ कहाँ से खरीदें या कहाँ बेचें, यह मेरी जानकारी से बाहर है।",
    "outside_health": "स्वास्थ्य और पोषण मेरी जानकारी से बाहर हैं।",
    "outside_logistics": "माल ढुलाई, शिपिंग और IEC (आयातक-निर्यातक कोड) मेरी जानकारी से बाहर हैं।",
    "outside_other": "यह मेरी जानकारी से बाहर है।",
    "outside_jobs": "नौकरी, वेतन और भर्ती मेरी जानकारी से बाहर हैं।",
    "outside_known": "मैं इतना जानता हूँ: “{topic}” {count} ज़िलों का ODOP उत्पाद है: {places}।",
    "and_more": " और {count} अन्य",
    "unknown_try": "कोई ज़िला (“मुरादाबाद”), उत्पाद (“हल्दी”) या राज्य (“बिहार”) लिखें।",
    "truncated": "(आपका संदेश लंबा था: मैंने केवल शुरुआत के {words} शब्द पढ़े।)",
    "source": "स्रोत: {source}",
    "source_as_of": "स्रोत: {source}, {as_of} की स्थिति",
    "status_draft": "मसौदा",
    "status_notified": "अधिसूचित",
    "status_unknown": "अज्ञात",
    "unverified_hi": "हिंदी नाम (असत्यापित): {name}",
    "undated": "तिथि अज्ञात",
    "evidence_report": "समाचार रिपोर्ट — कमज़ोर साक्ष्य",
    "evidence_statement": "पूरे राज्य/केंद्रशासित प्रदेश के बारे में बयान — किसी एक ज़िले के लिए "
                          "कमज़ोर साक्ष्य",
    "evidence_officer": "एक अधिकारी द्वारा बताया गया",
    "source_words": "स्रोत के शब्द: “{words}”",
    "plan_conflict": "स्रोतों में मतभेद: {earlier} ({earlier_as_of}; {earlier_source}), पर बाद का "
                     "एक स्रोत केवल {later} बताता है ({later_as_of}; {later_source})। दोनों "
                     "दिखाए गए हैं; किसी को भी अंतिम नहीं माना गया।",
    "plan_conflict_hint": "इस योजना के बारे में स्रोतों में मतभेद है: दोनों को उनकी तिथि और स्रोत "
                          "के साथ देखने के लिए योजना की स्थिति पूछें।",
    "dgft_title": "{place} — DGFT क्षेत्रीय प्राधिकरण",
    "dgft_general_title": "किसी स्थान का DGFT कार्यालय",
    "dgft_offices_title": "DGFT कार्यालय",
    "dgft_office_name": "DGFT क्षेत्रीय प्राधिकरण, {city}",
    "dgft_stated": "{office}: इसके क्षेत्राधिकार में {place} शामिल है — स्रोत के शब्द: "
                   "“{detail}”{when}",
    "dgft_inferred": "{office}: अनुमान, स्रोत में स्पष्ट नहीं — “{detail}”{when}",
    "dgft_located": "{office}: यह कार्यालय {place} में है",
    "dgft_only_office": "{office}: हमारी सूची में {state} का एकमात्र DGFT कार्यालय (अनुमान; "
                        "इसका क्षेत्राधिकार हमारे स्रोतों में नहीं है)",
    "dgft_merged": "{office}: {as_of} से — {via} कार्यालय बंद करके इसमें मिला दिया गया",
    "dgft_whole_state": "{office}: इसके क्षेत्राधिकार में {place} आता है — स्रोत के शब्द: "
                        "“{detail}”{when}",
    "dgft_excluded": "एक अन्य स्रोत {place} को {office} के क्षेत्राधिकार से बाहर बताता है — "
                     "“{detail}”{when}",
    "dgft_unnamed": "{place} के लिए एक DGFT अधिकारी शामिल हुए, पर स्रोत किसी कार्यालय का नाम "
                    "नहीं बताता — “{detail}”{when}",
    "dgft_state_offices": "{state} में DGFT कार्यालय: {offices}। इनमें से कौन {place} को "
                          "देखता है, यह हमारे स्रोतों में नहीं है।",
    "dgft_unknown": "{place} किस DGFT कार्यालय के अंतर्गत आता है, यह हमारे स्रोतों में नहीं है।",
    "dgft_more_offices": "{state} में यहाँ दिए गए कार्यालयों के अलावा {count} और DGFT कार्यालय "
                         "हैं; dgft.gov.in पर सबकी सूची है।",
    "dgft_zonal": "DGFT के {count} ज़ोनल कार्यालय, जिनके प्रमुख अपर DGFT हैं: {offices}।",
    "dgft_listed": "हमारी सूची के खुले DGFT कार्यालय ({count}; बंद और विलय हुए कार्यालय छोड़कर): "
                   "{offices}।",
    "dgft_ask_place": "ऐसे ज़िले या राज्य का नाम लिखें जिसे मैं जानता हूँ, जैसे “बेलगावी का DGFT "
                      "कार्यालय कौन सा है”।",
    "dgft_check": "क्षेत्राधिकार बदलते रहते हैं: क्षेत्रीय प्राधिकरणों की वर्तमान सूची "
                  "https://www.dgft.gov.in पर है।",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN, "hi": HI}


def template(lang: str, key: str) -> str:
    """Message `key` in `lang` unformatted (English when the language is not known)."""
    return LANGUAGES.get(lang, EN)[key]


def text(lang: str, key: str, **params: object) -> str:
    """Return message `key` in `lang` (English when the language is not known)."""
    out: list[str] = []
    previous: object = None
    for literal, field, spec, _conv in string.Formatter().parse(template(lang, key)):
        out.append(after_count(lang, previous, literal))
        if field is not None:
            previous = params[field]
            out.append(format(previous, spec or ""))
    return "".join(out)


# After a count of one, Hindi takes the noun's singular: "1 ज़िले में", not "1 ज़िलों में".
_SINGULAR_AFTER_ONE: dict[str, tuple[tuple[str, str], ...]] = {
    "hi": ((" ज़िलों", " ज़िले"), (" उत्पादों", " उत्पाद"), (" राज्यों", " राज्य")),
}


def after_count(lang: str, value: object, literal: str) -> str:
    """`literal`, which follows `value` in a message, with its noun in agreement with it."""
    if value == 1 and isinstance(value, int) and not isinstance(value, bool):
        for plural, singular in _SINGULAR_AFTER_ONE.get(lang, ()):
            if literal.startswith(plural):
                return singular + literal[len(plural):]
    return literal
