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
    "btn_where": "🗺 Where “{product}” is listed",
    "btn_series": "📈 All figures over time",
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
    "cmd_setstatus": "Update a district's export plan status (officers)",
    "cmd_history": "Changes people made to a district (officers)",
    "not_officer": "This command is for ODOP officers and the bot's administrators.",
    "private_only": "Please use this command in a private chat with me.",
    "ask_history": "Which district? For example: <code>/history Agra</code>",
    "ss_ask_district": "Which district's export action plan? Type its name (add the State if "
    "the name is shared) or its LGD code.",
    "ss_no_district": "I don't know a district called “{text}”. Type the district's name "
    "again (add the State if the name is shared), or tap Cancel.",
    "ss_pick_district": "More than one district is called “{text}”. Tap the one you mean:",
    "ss_ask_status": "<b>{district}</b>\nLast recorded: {current}\n\nWhat is the export "
    "action plan's status now?",
    "ss_ask_date": "<b>{district}</b>: {status}\n\nOn what date did this happen? Type it as "
    "YYYY-MM-DD (e.g. {today}), or tap Today.",
    "ss_bad_date": "“{text}” is not a date I can record: it must be a real date, not in the "
    "future, from 2018 on. Type it as YYYY-MM-DD, e.g. {today}.",
    "ss_ask_source": "<b>{district}</b>: {status} ({date})\n\nWhat is the source? Send a link "
    "or the document's reference (e.g. DEPC minutes no. 7/2025).",
    "ss_bad_source": "A source is a link (http:// or https://) or a document's reference, on "
    "one line and at most 500 characters. Please send it again.",
    "ss_preview": "<b>Please check before recording</b>\n{district}\nExport action plan: "
    "{old} → <b>{new}</b>\nSource: {source}\nReported by an officer: {name}\n\nOn "
    "confirming, answers show this beside the published evidence, and followers of the "
    "district are told.",
    "ss_saved": "✅ Recorded for {district}: {new}. Answers now show it as reported by an "
    "officer; followers told: {followers}.",
    "ss_same": "This is already recorded for {district}; nothing changed.",
    "ss_cancelled": "Cancelled; nothing was recorded.",
    "ss_expired": "This update is no longer open (recorded, cancelled or expired). Start "
    "again with /setstatus.",
    "btn_confirm": "✅ Confirm",
    "btn_cancel": "✖ Cancel",
    "btn_today": "📅 Today",
    "history_title": "<b>{district} — changes made by people</b> (newest first)",
    "history_none": "No changes have been recorded for {district}.",
    "history_line": "{at} — {who}: {what}: {old} → {new}\nSource: {source}",
    "history_pick": "More than one district is called “{text}”: {names}. Add the State, "
    "e.g. <code>/history Aurangabad, Bihar</code>.",
    "history_unknown": "I don't know a district called “{text}”.",
    "history_plan_status": "plan status",
    # Following and broadcasts (knowledge/delivery, bot/worker.py)
    "btn_unsubscribe": "🔕 Unsubscribe",
    "digest_title": "<b>Your daily ODOP digest</b>",
    "notice_footer": "You get this because you follow ODOP updates. /subscriptions",
    "cmd_subscribe": "Follow updates: all, a district, state NAME or product NAME",
    "cmd_subscriptions": "What this chat follows, with remove buttons",
    "cmd_unsubscribe": "Stop following one thing (/unsubscribe Moradabad), or all",
    "cmd_quiet": "Quiet hours for updates, e.g. /quiet 22:00-07:00 or /quiet off",
    "cmd_digest": "Alerts once a day in one message: /digest on or off",
    "cmd_forget": "Delete everything the bot stores about you",
    "cmd_broadcast": "Send a message to subscribers (admins only)",
    "cmd_broadcasts": "Recent broadcasts: pause, resume, cancel, recall (admins only)",
    # An admin's view of a broadcast (handlers/broadcast_texts.py, bot/progress.py)
    "bc_head": "broadcast {id}: {status}, {total} recipients",
    "bc_counts": "sent {sent}, blocked {blocked}, failed {failed}, skipped {skipped}, "
    "cancelled {cancelled}, pending {pending}",
    "bc_pace": "pace {rate}/s; time left about {left}",
    "bc_finished": "<b>Finished.</b>",
    "bc_status_active": "active",
    "bc_status_paused": "paused",
    "bc_status_cancelled": "cancelled",
    "bc_status_recalling": "being recalled",
    "bc_status_recalled": "recalled",
    "bc_seconds": "{s} s",
    "bc_minutes": "{m} min {s} s",
    "bc_hours": "{h} h {m} min",
    "bc_queued": "Broadcast {id} queued for {total} subscribers; about {left}. This message "
    "shows its progress.",
    "bc_recall": "Broadcast {id}: {recallable} sent messages are being deleted.",
    "bc_recall_old": "{old} sent more than 48 hours ago cannot be recalled (Telegram allows "
    "deleting for 48 hours); they are left as they are.",
    "bc_no_such": "No such broadcast.",
    "btn_follow": "🔔 Follow",
    "btn_follow_all": "🔔 Everything",
    "btn_unsubscribe_all": "🔕 Stop all updates",
    "subscribe_how": "What would you like to follow? Tap for everything, or send e.g. "
    "<code>/subscribe Moradabad</code>, <code>/subscribe state Bihar</code>, "
    "<code>/subscribe product makhana</code>.",
    "follow_unknown": "I found nothing called “{name}” to follow.",
    "follow_added": "🔔 You now follow {what}.",
    "follow_already": "You already follow {what}.",
    "follow_none": "This chat follows nothing yet. /subscribe to start.",
    "follow_list": "<b>This chat follows</b> (tap one to stop):",
    "follow_dropped": "Removed.",
    "follow_dropped_all": "🔕 You will get no more updates. /subscribe to start again.",
    "follow_group_admins": "Only the group's administrators can change what it follows.",
    "quiet_how": "Quiet hours (India time) hold updates until they end. Send e.g. "
    "<code>/quiet 22:00-07:00</code>, <code>/quiet off</code> or <code>/quiet default</code>.",
    "quiet_set": "Quiet hours: {hours}.",
    "digest_how": "<code>/digest on</code>: alerts once a day (09:00 India time) in one "
    "message; <code>/digest off</code>: as they happen.",
    "digest_on": "Alerts will come once a day, in one message.",
    "digest_off": "Alerts will come as they happen.",
    "btn_forget": "🗑 Delete everything",
    "btn_keep": "Keep",
    "forget_confirm": "Delete everything the bot stores about you: what you follow, your "
    "language and your feedback? This cannot be undone.",
    "forgotten": "Done: nothing about you is stored any more.",
    "forget_kept": "Nothing was deleted.",
    "follow_which_product": "I could not read “{name}” as a product. Did you mean:",
    "forget_group_admins": "Only the group's administrators can delete what the group "
    "follows; your own language and feedback were deleted.",
    "follow_unsub_which": "You follow nothing called “{name}”. This chat follows:",
    "sched_in_hour": "⏰ In 1 hour",
    "sched_today_09": "⏰ Today 09:00 IST",
    "sched_tomorrow_09": "⏰ Tomorrow 09:00 IST",
    "sched_today_18": "⏰ Today 18:00 IST",
    "sched_tomorrow_18": "⏰ Tomorrow 18:00 IST",
    "sched_other": "⏰ Another time…",
    "sched_ask": "When should it go out? Send a time in India time (IST): "
    "<code>2026-12-01 10:30</code>, <code>10:30</code> (today) or <code>tomorrow 9am</code>. "
    "/cancel to stop.",
    "sched_bad": "I could not read “{typed}” as a time. Send e.g. <code>2026-12-01 10:30</code>, "
    "<code>10:30</code> (today) or <code>tomorrow 9am</code>, in India time (IST).",
    "sched_past": "{when} has already passed (it is {now} now). Send a later time.",
    "sched_far": "That is more than 60 days ahead. Send an earlier time.",
    "sched_queued": "Broadcast {id} scheduled for {when}, to {total} subscribers. This message "
    "shows its progress.",
    # Composing and managing a broadcast (handlers/broadcasting.py)
    "bc_ask_audience": "Who should receive it? Tap Everyone, or send <code>state:NAME</code>, "
    "<code>district:NAME</code> or <code>product:NAME</code>. /cancel to stop.",
    "btn_everyone": "Everyone",
    "btn_skip": "Skip",
    "btn_send_now": "✅ Send now",
    "btn_urgent": "🚨 Urgent",
    "bc_cancelled": "Cancelled; nothing queued.",
    "bc_text_bad": "That text is empty or too long for one message; send a shorter one.",
    "bc_ask_hi": "Now the Hindi text, or Skip (Hindi readers then get the English).",
    "bc_audience_chosen": "{label}: {size} subscribers. Now send the English text.",
    "bc_all": "all",
    "bc_label_state": "state:{name}",
    "bc_label_district": "district:{name}",
    "bc_label_product": "product:{name}",
    "bc_summary_audience": "<b>Audience:</b> {label} — {size} subscribers",
    "bc_summary_time": "About {left} at {rate} messages a second.",
    "bc_summary_paid": "Paid broadcast is on: up to {stars} Telegram Stars.",
    "bc_admins_only": "For the bot's administrators.",
    "bc_none": "No broadcasts yet.",
    "bc_list_line": "#{id} {kind} {status}: {total} to {label}",
    "bc_kind_broadcast": "broadcast",
    "bc_kind_alert": "alert",
    "bc_status_set": "Broadcast {id}: {status}.",
    "bc_bad_syntax": "audience must be all, state:NAME, district:NAME or product:NAME, not "
    "{spec}",
    "bc_bad_no_name": "audience {kind}: needs a name",
    "bc_bad_no_state": "no State or UT named {name}",
    "bc_bad_no_district": "no district named {name}",
    "bc_bad_ambiguous": "{name} names {count} districts; say which: {options}",
    "bc_bad_no_product": "no product named {name}",
    "bc_bad_near": "; did you mean {near}",
}

HI: dict[str, str] = {
    "welcome": (
        "नमस्ते, {name}! मैं भारत की <b>एक ज़िला एक उत्पाद</b> (ODOP) पहल के बारे में सवालों के "
        "जवाब देता हूँ: कोई ज़िला किन उत्पादों के लिए जाना जाता है, कोई उत्पाद कहाँ से आता है, "
        "निर्यात योजनाएँ और किससे संपर्क करें।\n\n"
        "बस पूछिए, जैसे: <i>मुरादाबाद</i>, <i>उत्तर प्रदेश में कालीन</i>, <i>आगरा की निर्यात योजना</i>। "
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
    "cmd_product": "किसी उत्पाद वाले ज़िले, जैसे /product कालीन",
    "cmd_state": "किसी राज्य का ODOP सार, जैसे /state केरल",
    "cmd_status": "निर्यात योजना की स्थिति; नाम के बिना राष्ट्रीय आँकड़े",
    "cmd_contact": "किससे संपर्क करें, जैसे /contact वाराणसी",
    "cmd_about": "ODOP और इस बॉट के स्रोतों के बारे में",
    "cmd_language": "हिन्दी या अंग्रेज़ी चुनें",
    "cmd_stats": "उपयोग और प्रतिक्रिया (केवल व्यवस्थापक)",
    "ask_district": "कौन सा ज़िला? जैसे: <code>/district आगरा</code>",
    "ask_product": "कौन सा उत्पाद? जैसे: <code>/product कालीन</code>",
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
    "btn_where": "🗺 “{product}” कहाँ सूचीबद्ध है",
    "btn_series": "📈 समय के साथ सभी आँकड़े",
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
    "cmd_setstatus": "किसी ज़िले की निर्यात योजना की स्थिति बदलें (अधिकारी)",
    "cmd_history": "किसी ज़िले में लोगों द्वारा किए गए बदलाव (अधिकारी)",
    "not_officer": "यह कमांड केवल ODOP अधिकारियों और बॉट के व्यवस्थापकों के लिए है।",
    "private_only": "कृपया यह कमांड मेरे साथ निजी चैट में इस्तेमाल करें।",
    "ask_history": "कौन सा ज़िला? जैसे: <code>/history आगरा</code>",
    "ss_ask_district": "किस ज़िले की निर्यात कार्य योजना? ज़िले का नाम लिखें (नाम एक से ज़्यादा "
    "ज़िलों का हो तो राज्य भी) या उसका LGD कोड।",
    "ss_no_district": "“{text}” नाम का कोई ज़िला मुझे नहीं मिला। ज़िले का नाम फिर से लिखें (नाम "
    "एक से ज़्यादा ज़िलों का हो तो राज्य भी), या रद्द करें दबाएँ।",
    "ss_pick_district": "“{text}” नाम के एक से ज़्यादा ज़िले हैं। जिसकी बात है, उसे चुनें:",
    "ss_ask_status": "<b>{district}</b>\nपिछली दर्ज स्थिति: {current}\n\nनिर्यात कार्य योजना "
    "की स्थिति अब क्या है?",
    "ss_ask_date": "<b>{district}</b>: {status}\n\nयह किस तारीख़ को हुआ? YYYY-MM-DD के रूप में "
    "लिखें (जैसे {today}), या आज दबाएँ।",
    "ss_bad_date": "“{text}” को मैं तारीख़ के रूप में दर्ज नहीं कर सकता: तारीख़ असली हो, भविष्य की "
    "न हो और 2018 या उसके बाद की हो। YYYY-MM-DD के रूप में लिखें, जैसे {today}।",
    "ss_ask_source": "<b>{district}</b>: {status} ({date})\n\nस्रोत क्या है? कोई लिंक या "
    "दस्तावेज़ का संदर्भ भेजें (जैसे DEPC कार्यवृत्त सं. 7/2025)।",
    "ss_bad_source": "स्रोत एक लिंक (http:// या https://) या दस्तावेज़ का संदर्भ होना चाहिए, एक "
    "ही पंक्ति में और अधिकतम 500 अक्षर। कृपया फिर से भेजें।",
    "ss_preview": "<b>दर्ज करने से पहले जाँच लें</b>\n{district}\nनिर्यात कार्य योजना: "
    "{old} → <b>{new}</b>\nस्रोत: {source}\nएक अधिकारी द्वारा सूचित: {name}\n\nपुष्टि करने "
    "पर जवाबों में यह प्रकाशित साक्ष्य के साथ दिखेगा, और ज़िले को फ़ॉलो करने वालों को सूचना "
    "जाएगी।",
    "ss_saved": "✅ {district} के लिए दर्ज किया गया: {new}। जवाबों में अब यह एक अधिकारी द्वारा "
    "सूचित के रूप में दिखेगा; सूचना पाने वाले फ़ॉलोअर: {followers}।",
    "ss_same": "{district} के लिए यह पहले से दर्ज है; कुछ नहीं बदला।",
    "ss_cancelled": "रद्द किया गया; कुछ दर्ज नहीं हुआ।",
    "ss_expired": "यह बदलाव अब खुला नहीं है (दर्ज हो चुका, रद्द या समय-सीमा समाप्त)। /setstatus "
    "से फिर शुरू करें।",
    "btn_confirm": "✅ पुष्टि करें",
    "btn_cancel": "✖ रद्द करें",
    "btn_today": "📅 आज",
    "history_title": "<b>{district} — लोगों द्वारा किए गए बदलाव</b> (नए पहले)",
    "history_none": "{district} के लिए कोई बदलाव दर्ज नहीं है।",
    "history_line": "{at} — {who}: {what}: {old} → {new}\nस्रोत: {source}",
    "history_pick": "“{text}” नाम के एक से ज़्यादा ज़िले हैं: {names}। राज्य भी लिखें, जैसे "
    "<code>/history Aurangabad, Bihar</code>।",
    "history_unknown": "“{text}” नाम का कोई ज़िला मुझे नहीं मिला।",
    "history_plan_status": "निर्यात योजना की स्थिति",
    # Following and broadcasts (knowledge/delivery, bot/worker.py)
    "btn_unsubscribe": "🔕 सदस्यता छोड़ें",
    "digest_title": "<b>आपका दैनिक ODOP सार</b>",
    "notice_footer": "यह आपको इसलिए मिला क्योंकि आप ODOP अपडेट फ़ॉलो करते हैं। /subscriptions",
    "cmd_subscribe": "अपडेट फ़ॉलो करें: all, कोई ज़िला, state नाम या product नाम",
    "cmd_subscriptions": "यह चैट क्या फ़ॉलो करती है, हटाने के बटन सहित",
    "cmd_unsubscribe": "कोई एक (/unsubscribe Moradabad) या सब फ़ॉलो करना बंद करें",
    "cmd_quiet": "अपडेट के लिए शांत समय, जैसे /quiet 22:00-07:00 या /quiet off",
    "cmd_digest": "अलर्ट दिन में एक बार एक संदेश में: /digest on या off",
    "cmd_forget": "बॉट में आपके बारे में सहेजा गया सब कुछ मिटाएँ",
    "cmd_broadcast": "सदस्यों को संदेश भेजें (केवल व्यवस्थापक)",
    "cmd_broadcasts": "हाल के प्रसारण: रोकें, फिर चलाएँ, रद्द करें, वापस लें (केवल व्यवस्थापक)",
    "bc_head": "प्रसारण {id}: {status}, {total} प्राप्तकर्ता",
    "bc_counts": "भेजे गए {sent}, ब्लॉक {blocked}, विफल {failed}, छोड़े गए {skipped}, "
    "रद्द {cancelled}, बाकी {pending}",
    "bc_pace": "गति {rate}/सेकंड; लगभग {left} बाकी",
    "bc_finished": "<b>पूरा हुआ।</b>",
    "bc_status_active": "चालू",
    "bc_status_paused": "रुका हुआ",
    "bc_status_cancelled": "रद्द",
    "bc_status_recalling": "वापस लिया जा रहा है",
    "bc_status_recalled": "वापस लिया गया",
    "bc_seconds": "{s} सेकंड",
    "bc_minutes": "{m} मिनट {s} सेकंड",
    "bc_hours": "{h} घंटे {m} मिनट",
    "bc_queued": "प्रसारण {id} {total} सदस्यों के लिए कतार में है; लगभग {left} लगेंगे। यह संदेश "
    "उसकी प्रगति दिखाएगा।",
    "bc_recall": "प्रसारण {id}: भेजे गए {recallable} संदेश मिटाए जा रहे हैं।",
    "bc_recall_old": "48 घंटे से पहले भेजे गए {old} संदेश वापस नहीं लिए जा सकते (Telegram 48 "
    "घंटे तक ही मिटाने देता है); वे जैसे हैं वैसे रहेंगे।",
    "bc_no_such": "ऐसा कोई प्रसारण नहीं है।",
    "btn_follow": "🔔 फ़ॉलो करें",
    "btn_follow_all": "🔔 सब कुछ",
    "btn_unsubscribe_all": "🔕 सभी अपडेट बंद करें",
    "subscribe_how": "आप क्या फ़ॉलो करना चाहते हैं? सब कुछ के लिए बटन दबाएँ, या भेजें, जैसे "
    "<code>/subscribe मुरादाबाद</code>, <code>/subscribe state Bihar</code>, "
    "<code>/subscribe product makhana</code>।",
    "follow_unknown": "“{name}” नाम की फ़ॉलो करने लायक कोई चीज़ मुझे नहीं मिली।",
    "follow_added": "🔔 अब आप {what} फ़ॉलो करते हैं।",
    "follow_already": "आप {what} पहले से फ़ॉलो करते हैं।",
    "follow_none": "यह चैट अभी कुछ फ़ॉलो नहीं करती। शुरू करने के लिए /subscribe।",
    "follow_list": "<b>यह चैट फ़ॉलो करती है</b> (बंद करने के लिए दबाएँ):",
    "follow_dropped": "हटा दिया।",
    "follow_dropped_all": "🔕 अब आपको कोई अपडेट नहीं मिलेगा। फिर शुरू करने के लिए /subscribe।",
    "follow_group_admins": "केवल समूह के व्यवस्थापक बदल सकते हैं कि समूह क्या फ़ॉलो करता है।",
    "quiet_how": "शांत समय (भारतीय समय) में अपडेट उसके ख़त्म होने तक रुके रहते हैं। भेजें, जैसे "
    "<code>/quiet 22:00-07:00</code>, <code>/quiet off</code> या <code>/quiet default</code>।",
    "quiet_set": "शांत समय: {hours}।",
    "digest_how": "<code>/digest on</code>: अलर्ट दिन में एक बार (सुबह 9 बजे) एक संदेश में; "
    "<code>/digest off</code>: जैसे ही आएँ।",
    "digest_on": "अलर्ट दिन में एक बार, एक संदेश में आएँगे।",
    "digest_off": "अलर्ट जैसे ही आएँ, भेजे जाएँगे।",
    "btn_forget": "🗑 सब मिटाएँ",
    "btn_keep": "रहने दें",
    "forget_confirm": "बॉट में आपके बारे में सहेजा गया सब कुछ मिटाएँ: आप क्या फ़ॉलो करते हैं, आपकी "
    "भाषा और आपकी प्रतिक्रिया? यह वापस नहीं होगा।",
    "forgotten": "हो गया: अब आपके बारे में कुछ भी सहेजा नहीं है।",
    "forget_kept": "कुछ नहीं मिटाया गया।",
    "follow_which_product": "“{name}” को मैं किसी उत्पाद के रूप में नहीं पढ़ पाया। क्या आपका मतलब था:",
    "forget_group_admins": "समूह क्या फ़ॉलो करता है, यह केवल समूह के व्यवस्थापक मिटा सकते हैं; "
    "आपकी अपनी भाषा और प्रतिक्रिया मिटा दी गई।",
    "follow_unsub_which": "आप “{name}” नाम की कोई चीज़ फ़ॉलो नहीं करते। यह चैट फ़ॉलो करती है:",
    "sched_in_hour": "⏰ 1 घंटे में",
    "sched_today_09": "⏰ आज 09:00 IST",
    "sched_tomorrow_09": "⏰ कल 09:00 IST",
    "sched_today_18": "⏰ आज 18:00 IST",
    "sched_tomorrow_18": "⏰ कल 18:00 IST",
    "sched_other": "⏰ कोई और समय…",
    "sched_ask": "यह कब जाए? भारतीय समय (IST) में समय भेजें: <code>2026-12-01 10:30</code>, "
    "<code>10:30</code> (आज) या <code>कल 9am</code>। रोकने के लिए /cancel।",
    "sched_bad": "“{typed}” को मैं समय के रूप में नहीं पढ़ पाया। भेजें, जैसे "
    "<code>2026-12-01 10:30</code>, <code>10:30</code> (आज) या <code>कल 9am</code>, "
    "भारतीय समय (IST) में।",
    "sched_past": "{when} बीत चुका है (अभी {now} है)। बाद का समय भेजें।",
    "sched_far": "यह 60 दिन से ज़्यादा आगे है। पहले का समय भेजें।",
    "sched_queued": "प्रसारण {id} {when} के लिए तय हुआ, {total} सदस्यों को। यह संदेश इसकी प्रगति "
    "दिखाता है।",
    # Composing and managing a broadcast (handlers/broadcasting.py)
    "bc_ask_audience": "यह किसे भेजना है? सभी के लिए बटन दबाएँ, या भेजें "
    "<code>state:नाम</code>, <code>district:नाम</code> या <code>product:नाम</code>। "
    "रोकने के लिए /cancel।",
    "btn_everyone": "सभी सदस्य",
    "btn_skip": "छोड़ें",
    "btn_send_now": "✅ अभी भेजें",
    "btn_urgent": "🚨 तुरंत",
    "bc_cancelled": "रद्द किया गया; कुछ भी कतार में नहीं डाला गया।",
    "bc_text_bad": "यह पाठ खाली है या एक संदेश के लिए बहुत लंबा है; छोटा पाठ भेजें।",
    "bc_ask_hi": "अब हिन्दी पाठ भेजें, या छोड़ें दबाएँ (तब हिन्दी पाठकों को अंग्रेज़ी पाठ मिलेगा)।",
    "bc_audience_chosen": "{label}: {size} सदस्य। अब अंग्रेज़ी पाठ भेजें।",
    "bc_all": "सभी सदस्य",
    "bc_label_state": "राज्य: {name}",
    "bc_label_district": "ज़िला: {name}",
    "bc_label_product": "उत्पाद: {name}",
    "bc_summary_audience": "<b>किसे:</b> {label} — {size} सदस्य",
    "bc_summary_time": "{rate} संदेश प्रति सेकंड की गति से लगभग {left} लगेंगे।",
    "bc_summary_paid": "सशुल्क ब्रॉडकास्ट चालू है: अधिकतम {stars} Telegram Stars लगेंगे।",
    "bc_admins_only": "केवल बॉट के व्यवस्थापकों के लिए।",
    "bc_none": "अभी तक कोई प्रसारण नहीं हुआ।",
    "bc_list_line": "#{id} {kind} {status}: {total} को, {label}",
    "bc_kind_broadcast": "प्रसारण",
    "bc_kind_alert": "अलर्ट",
    "bc_status_set": "प्रसारण {id}: {status}।",
    "bc_bad_syntax": "दर्शक इनमें से किसी रूप में लिखें: all, state:नाम, district:नाम या "
    "product:नाम (यह नहीं: {spec})।",
    "bc_bad_no_name": "{kind}: के बाद एक नाम चाहिए।",
    "bc_bad_no_state": "{name} नाम का कोई राज्य या केंद्र शासित प्रदेश नहीं मिला।",
    "bc_bad_no_district": "{name} नाम का कोई ज़िला नहीं मिला।",
    "bc_bad_ambiguous": "{name} नाम के {count} ज़िले हैं; बताइए कौन सा: {options}",
    "bc_bad_no_product": "{name} नाम का कोई उत्पाद नहीं मिला",
    "bc_bad_near": "; क्या आपका मतलब था: {near}",
}

STRINGS: dict[Lang, dict[str, str]] = {"en": EN, "hi": HI}


def text(lang: Lang, key: str, **values: object) -> str:
    """Return the interface string `key` in `lang`, with `values` filled in."""
    template = STRINGS[lang].get(key) or EN[key]
    return template.format(**values) if values else template


def language_of(code: str | None) -> Lang:
    """Map a Telegram language_code ("hi", "hi-IN", "en-GB", None) to an interface language."""
    return "hi" if code and code.lower().split("-")[0] == "hi" else "en"
