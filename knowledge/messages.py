"""Every sentence a reply is built from, in English and Hindi (same keys, same placeholders).

Hindi terms used throughout: ज़िला (district), राज्य (State), ज़िला निर्यात कार्य योजना (District
Export Action Plan, DEAP), ज़िला/राज्य निर्यात संवर्धन समिति (DEPC/SEPC), DGFT क्षेत्रीय
प्राधिकरण (Regional Authority), ज़िला उद्योग केंद्र (DIC), अधिसूचित (notified), मसौदा (draft).
Acronyms stay in Latin letters, as officials write them in Hindi too.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "district_in": "{district} ({state})",
    "district_title": "{place} — ODOP products",
    "no_products": "The official list names no ODOP product for {district}.",
    "topic_missing": "“{topic}” is not on {district}'s list; its products are below.",
    "gi": "GI",
    "description": "{text}",
    "plan_line": "Export action plan: {status} ({as_of})",
    "plan_unknown": "Export action plan: status not known to us — ask the DEPC convener "
                    "(GM, District Industries Centre) or the DGFT Regional Authority.",
    "products_title": "{topic} — ODOP product in {count} district(s)",
    "products_title_state": "{topic} in {state} — ODOP product in {count} district(s)",
    "products_none": "No ODOP product in the official list matches “{topic}”.",
    "products_none_in_state": "No district of {state} lists “{topic}”; here is where it is "
                              "listed.",
    "state_title": "{state} — ODOP overview",
    "state_counts": "{products} products in {districts} districts; {gi} GI-tagged.",
    "plan_title": "{place} — District Export Action Plan",
    "plan_state_title": "{state} — District Export Action Plans",
    "plan_national_title": "District Export Action Plans — national figures",
    "plan_status_unknown": "Not known: our sources have no record of this district's plan.",
    "plan_state_none": "Our sources record no district plan in {state}.",
    "plan_how": "DGFT Regional Authorities draft each plan; the district's DEPC then notifies it.",
    "national_line": "{metric}: {value} ({as_of})",
    "quoted_note": "{lead}{text}",
    "who_knows": "Who would know:",
    "committee_title": "{place} — export promotion committees",
    "committee_explained_title": "SEPC and DEPC — what they are",
    "committee_sepc_unknown": "The composition of {state}'s SEPC is not in our sources; in the "
                              "States we know of, the Chief Secretary chairs it.",
    "contact_title": "{place} — who to contact",
    "contact_general_title": "Who to contact",
    "contact_missing": "no phone or e-mail in our sources",
    "stats_title": "ODOP and Districts as Export Hubs — figures over time",
    "about_title": "About ODOP",
    "help_title": "Ask me about India's One District One Product (ODOP) list.",
    "help_examples": "Try: “moradabad”, “haldi kahan hoti hai”, “carpets in UP”, "
                     "“Bihar”, “DEAP status Erode”, “who chairs the DEPC of Varanasi”, "
                     "“DGFT contact Ludhiana”, “how many districts have export plans”, "
                     "“what is ODOP”.",
    "clarify": "Several districts are called “{name}”. Which one do you mean?",
    "unknown": "Sorry, I don't know that. I answer questions about ODOP products, districts, "
               "States, export plans, committees and contacts.",
    "unknown_suggest": "Did you mean: {names}?",
    "unknown_try": "Try a district (“Moradabad”), a product (“turmeric”) or a State (“Bihar”).",
    "truncated": "(Your message was long: I read only the start of it, up to {words} words.)",
    "source": "Source: {source}",
    "source_as_of": "Source: {source}, as of {as_of}",
    "status_draft": "draft",
    "status_notified": "notified",
    "status_unknown": "unknown",
    "unverified_hi": "Hindi name (unverified): {name}",
}

HI: dict[str, str] = {
    "district_in": "{district}, {state}",
    "district_title": "{place} — ODOP उत्पाद",
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
    "plan_state_none": "हमारे स्रोतों में {state} की किसी ज़िला योजना का रिकॉर्ड नहीं है।",
    "plan_how": "हर योजना का मसौदा DGFT क्षेत्रीय प्राधिकरण बनाता है; फिर ज़िले की DEPC उसे "
                "अधिसूचित करती है।",
    "national_line": "{metric}: {value} ({as_of})",
    "quoted_note": "{lead}स्रोत के शब्द: “{text}”",
    "who_knows": "कौन बता सकता है:",
    "committee_title": "{place} — निर्यात संवर्धन समितियाँ",
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
    "unknown": "क्षमा करें, यह मुझे नहीं पता। मैं ODOP उत्पादों, ज़िलों, राज्यों, निर्यात "
               "योजनाओं, समितियों और संपर्कों के बारे में बताता हूँ।",
    "unknown_suggest": "क्या आपका मतलब है: {names}?",
    "unknown_try": "कोई ज़िला (“मुरादाबाद”), उत्पाद (“हल्दी”) या राज्य (“बिहार”) लिखें।",
    "truncated": "(आपका संदेश लंबा था: मैंने केवल शुरुआत के {words} शब्द तक पढ़े।)",
    "source": "स्रोत: {source}",
    "source_as_of": "स्रोत: {source}, {as_of} की स्थिति",
    "status_draft": "मसौदा",
    "status_notified": "अधिसूचित",
    "status_unknown": "अज्ञात",
    "unverified_hi": "हिंदी नाम (असत्यापित): {name}",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN, "hi": HI}


def template(lang: str, key: str) -> str:
    """Message `key` in `lang` unformatted (English when the language is not known)."""
    return LANGUAGES.get(lang, EN)[key]


def text(lang: str, key: str, **params: object) -> str:
    """Return message `key` in `lang` (English when the language is not known)."""
    return template(lang, key).format(**params)
