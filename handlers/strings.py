"""Every string the bot's own interface says, in English and Hindi (same keys in both).

Knowledge text comes from the engine and may stay in English; these are the bot's words.
Placeholders use str.format; values are HTML-escaped by the caller before they go in.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "hi"]
LANGS: tuple[Lang, ...] = ("en", "hi")

EN: dict[str, str] = {
    "welcome": (
        "Namaste, {name}! I answer questions about India's <b>One District One Product</b> "
        "(ODOP) initiative: which products a district is known for, where a product comes "
        "from, export plans and whom to contact.\n\n"
        "Just ask, for example: <i>moradabad</i>, <i>carpets in UP</i>, "
        "<i>export plan of Agra</i>. /help lists the commands."
    ),
    "help_title": "<b>What I can do</b>",
    "help_footer": (
        "You can also just type a district, a product or a state. In any chat, type "
        "@{bot} and a name to share a district card."
    ),
    "cmd_start": "Start and see what the bot does",
    "cmd_help": "List the commands",
    "cmd_district": "Products of a district, e.g. /district Agra",
    "cmd_product": "Districts with a product, e.g. /product carpets",
    "cmd_state": "A state's ODOP overview, e.g. /state Kerala",
    "cmd_status": "Export plan status; without a name, national figures",
    "cmd_contact": "Whom to contact, e.g. /contact Varanasi",
    "cmd_about": "About ODOP and this bot's sources",
    "cmd_language": "Choose English or Hindi",
    "cmd_stats": "Usage and feedback (admins only)",
    "ask_district": "Which district? For example: <code>/district Agra</code>",
    "ask_product": "Which product? For example: <code>/product carpets</code>",
    "ask_state": "Which state? For example: <code>/state Kerala</code>",
    "ask_contact": "Contacts for which district or state? For example: "
    "<code>/contact Varanasi</code>",
    "choose_language": "Choose the language of the bot's interface:",
    "language_set": "Language set to English.",
    "clarify_pick": "Tap the one you mean:",
    "btn_contacts": "📇 Contacts",
    "btn_status": "📋 Plan status",
    "btn_products": "📦 Products",
    "btn_committee": "👥 Committee",
    "btn_others": "🗺 Other districts: {product}",
    "btn_state": "🏛 {state} overview",
    "btn_next": "Next ▶",
    "btn_prev": "◀ Previous",
    "btn_page": "{page}/{pages}",
    "btn_up": "👍",
    "btn_down": "👎",
    "page_of": "Page {page} of {pages}",
    "thanks_vote": "Thanks for the feedback!",
    "stale_button": "This button has expired. Please ask again.",
    "slow_down": "You are sending messages very fast; I will answer again in a moment.",
    "error": "Sorry, something went wrong on my side. Please try again in a moment.",
    "not_admin": "This command is for the bot's administrators.",
    "deep_link_unknown": "That link points to a district I don't know. Try typing its name.",
    "inline_none": "Nothing found for “{query}”",
    "inline_none_text": "No ODOP district or product matched “{query}”.",
    "inline_hint": "Type a district or product, e.g. Moradabad",
    "stats_title": "<b>Bot activity</b>",
    "stats_queries": "Questions: {total} ({answered} answered, {unanswered} unanswered)",
    "stats_week": "Last 7 days: {total} ({unanswered} unanswered)",
    "stats_users": "Language preferences saved: {users}",
    "stats_feedback": "Feedback: 👍 {up} · 👎 {down}",
    "stats_unanswered": "<b>Most asked, not answered</b>",
    "stats_intents": "<b>By kind</b>",
    "stats_downvoted": "<b>Most 👎</b>",
    "stats_none": "none yet",
}

HI: dict[str, str] = {
    "welcome": (
        "नमस्ते, {name}! मैं भारत की <b>एक ज़िला एक उत्पाद</b> (ODOP) पहल के बारे में सवालों के "
        "जवाब देता हूँ: कोई ज़िला किन उत्पादों के लिए जाना जाता है, कोई उत्पाद कहाँ से आता है, "
        "निर्यात योजनाएँ और किससे संपर्क करें।\n\n"
        "बस पूछिए, जैसे: <i>मुरादाबाद</i>, <i>carpets in UP</i>, <i>आगरा की निर्यात योजना</i>। "
        "/help से सभी कमांड देखें।"
    ),
    "help_title": "<b>मैं क्या कर सकता हूँ</b>",
    "help_footer": (
        "आप सीधे किसी ज़िले, उत्पाद या राज्य का नाम भी लिख सकते हैं। किसी भी चैट में @{bot} "
        "और एक नाम लिखकर ज़िले का कार्ड भेजें।"
    ),
    "cmd_start": "शुरू करें और जानें कि बॉट क्या करता है",
    "cmd_help": "सभी कमांड देखें",
    "cmd_district": "किसी ज़िले के उत्पाद, जैसे /district आगरा",
    "cmd_product": "किसी उत्पाद वाले ज़िले, जैसे /product carpets",
    "cmd_state": "किसी राज्य का ODOP सार, जैसे /state केरल",
    "cmd_status": "निर्यात योजना की स्थिति; नाम के बिना राष्ट्रीय आँकड़े",
    "cmd_contact": "किससे संपर्क करें, जैसे /contact वाराणसी",
    "cmd_about": "ODOP और इस बॉट के स्रोतों के बारे में",
    "cmd_language": "हिन्दी या अंग्रेज़ी चुनें",
    "cmd_stats": "उपयोग और प्रतिक्रिया (केवल व्यवस्थापक)",
    "ask_district": "कौन सा ज़िला? जैसे: <code>/district आगरा</code>",
    "ask_product": "कौन सा उत्पाद? जैसे: <code>/product carpets</code>",
    "ask_state": "कौन सा राज्य? जैसे: <code>/state केरल</code>",
    "ask_contact": "किस ज़िले या राज्य के संपर्क? जैसे: <code>/contact वाराणसी</code>",
    "choose_language": "बॉट की भाषा चुनें:",
    "language_set": "भाषा हिन्दी कर दी गई है।",
    "clarify_pick": "जिसके बारे में पूछना है, उसे चुनें:",
    "btn_contacts": "📇 संपर्क",
    "btn_status": "📋 योजना की स्थिति",
    "btn_products": "📦 उत्पाद",
    "btn_committee": "👥 समिति",
    "btn_others": "🗺 अन्य ज़िले: {product}",
    "btn_state": "🏛 {state} का सार",
    "btn_next": "आगे ▶",
    "btn_prev": "◀ पीछे",
    "btn_page": "{page}/{pages}",
    "btn_up": "👍",
    "btn_down": "👎",
    "page_of": "पृष्ठ {page} / {pages}",
    "thanks_vote": "प्रतिक्रिया के लिए धन्यवाद!",
    "stale_button": "यह बटन अब मान्य नहीं है। कृपया फिर से पूछें।",
    "slow_down": "आप बहुत तेज़ी से संदेश भेज रहे हैं; थोड़ी देर में फिर जवाब दूँगा।",
    "error": "क्षमा करें, मेरी ओर से कुछ गड़बड़ हो गई। कृपया थोड़ी देर बाद फिर कोशिश करें।",
    "not_admin": "यह कमांड केवल बॉट के व्यवस्थापकों के लिए है।",
    "deep_link_unknown": "यह लिंक किसी ऐसे ज़िले का है जिसे मैं नहीं जानता। उसका नाम लिखकर देखें।",
    "inline_none": "“{query}” के लिए कुछ नहीं मिला",
    "inline_none_text": "“{query}” से कोई ODOP ज़िला या उत्पाद नहीं मिला।",
    "inline_hint": "कोई ज़िला या उत्पाद लिखें, जैसे मुरादाबाद",
    "stats_title": "<b>बॉट की गतिविधि</b>",
    "stats_queries": "सवाल: {total} ({answered} के जवाब दिए, {unanswered} बिना जवाब)",
    "stats_week": "पिछले 7 दिन: {total} ({unanswered} बिना जवाब)",
    "stats_users": "सहेजी गई भाषा पसंद: {users}",
    "stats_feedback": "प्रतिक्रिया: 👍 {up} · 👎 {down}",
    "stats_unanswered": "<b>सबसे ज़्यादा पूछे गए, बिना जवाब</b>",
    "stats_intents": "<b>प्रकार के अनुसार</b>",
    "stats_downvoted": "<b>सबसे ज़्यादा 👎</b>",
    "stats_none": "अभी कुछ नहीं",
}

STRINGS: dict[Lang, dict[str, str]] = {"en": EN, "hi": HI}


def text(lang: Lang, key: str, **values: object) -> str:
    """Return the interface string `key` in `lang`, with `values` filled in."""
    template = STRINGS[lang].get(key) or EN[key]
    return template.format(**values) if values else template


def language_of(code: str | None) -> Lang:
    """Map a Telegram language_code ("hi", "hi-IN", "en-GB", None) to an interface language."""
    return "hi" if code and code.lower().split("-")[0] == "hi" else "en"
