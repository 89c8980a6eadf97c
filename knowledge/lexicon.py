"""Words people use in questions: English, Hinglish (Latin script) and Hindi (Devanagari).

All entries are written already folded (see `normalise.fold`): lower case, no punctuation.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of `text` as a set."""
    return frozenset(text.split())

# Words that carry no place, product or intent; they are never fuzzy-matched to a name.
FILLER = words(
    """
    a an the of in on at to for from by with and or is are was were be been am do does did
    what whats which who whom whose where when why how can could should would will shall
    may i me my we our you your it its this that these those there here please pls plz
    kindly tell show give list find get know want need about any all some more also only
    just district districts dist distt zila zilla jila jile jilla zile state states
    pradesh product products item items thing things famous known special main major
    popular best one odop odops produce produced produces making made make grown grow
    grows growing export exports exporter exporters exporting ka ki ke ko me mein mai mei
    se hai hain ho hota hoti hote hua kya kaun kon kaunsa konsa kaun-sa kis kisne kahan
    kahaan kaha kidhar batao bataiye bataye bolo btao bta bata chahiye wala wali wale liye
    lie aur ya bhi toh to kuch sab sabhi yeh ye woh wo milta milti milte banta banti bante
    hota utpad utpaad utpadan vastu cheez cheeze ji sir madam ok okay good का की के को में
    मे से है हैं हो होता होती होते क्या कौन कौनसा कौनसी कहाँ कहां किस किसने बताओ बताइए
    बताएं बताये चाहिए वाला वाली वाले लिए और या भी तो कुछ सब सभी यह ये वह वो मिलता मिलती
    मिलते बनता बनती बनते उत्पाद उत्पादन वस्तु जिला जिले ज़िला ज़िले जनपद राज्य प्रसिद्ध
    मशहूर नमस्ते जी एक प्रोडक्ट डिस्ट्रिक्ट ओडीओपी undivided erstwhile former प्रोडक्ट्स
    डिस्ट्रिक्ट्स
    """
)

# Questions about something other than ODOP, by kind: with an ODOP word in them ("onion
# price today", "GST on carpets") the bot says what it does not know and the one thing it does.
SIDE_TOPICS: dict[str, frozenset[str]] = {
    "price": words(
        """
        price prices rate rates bhav bhaav bhaw mandi daam dam keemat kimat cost costs kg
        quintal rupees rs auction auctions nilami neelami msp भाव दाम कीमत रेट मंडी नीलामी
        rupaye rupaiye rupye rupya rupaya rupay kilo kilos रुपये रुपए रुपया रुपयों किलो क्विंटल
        """
    ),
    "howto": words(
        """
        cultivate cultivation farming kheti recipe recipes kaise kese kaisa
        fertilizer fertilizers fertiliser fertilisers pesticide pesticides insecticide
        manure irrigation sowing khad
        banaye banayen banate tarika vidhi उगाएं खेती कैसे विधि तरीका
        sapling saplings seedling seedlings nursery paudha paudhe paudhon podha pauda
        पौधा पौधे पौधों पौध नर्सरी
        """
    ),
    "tax": words("gst tax taxes duty hsn customs टैक्स जीएसटी"),
    "finance": words(
        """
        loan loans subsidy subsidies mudra pmegp credit finance bank insurance karz karza
        pmkisan kcc nabard pmfby
        लोन ऋण सब्सिडी
        """
    ),
    "weather": words("weather temperature rain forecast mausam barish baarish मौसम बारिश"),
    "sports": words("cricket match score ipl football क्रिकेट"),
    "shopping": words(
        """
        buy buying purchase online order shop shopping amazon flipkart kharid kharidna
        kharide kharidna wholesale retail sale warranty refund खरीद खरीदें
        kharidu kharidun kharidein kharidne kharido kharidenge khareed khareedna khareedu
        khareedun khareedein khareedne khareedo खरीदना खरीदूं खरीदूँ खरीदे
        sell selling bechna bechu bechun bechne bechein becho bechenge
        बेचना बेचूं बेचूँ बेचें बेचे
        """
    ),
    "health": words(
        """
        health healthy nutrition nutritional nutrient nutrients calorie calories protein
        proteins vitamin vitamins cholesterol diabetes diabetic diabetics diet dietary
        immunity digestion disease diseases allergy fayde fayda sehat फायदे सेहत
        healthier healthiest unhealthy nutritious swasthya फ़ायदे स्वास्थ्य पोषण
        """
    ),
    # moving goods and the IEC (DGFT's importer-exporter code) are outside the ODOP list;
    # "rcmc" and "registration" stay contact words (the council or office that registers)
    "logistics": words(
        """
        freight shipping shipment courier couriers logistics iec
        """
    ),
    # officials' jobs and pay: outside even beside a committee or office word ("salary of
    # GM DIC", "DGFT vacancy"), which otherwise makes a side word ours ("DIC for loans")
    "jobs": words(
        """
        salary salaries payscale wage wages job jobs vacancy vacancies recruitment recruitments
        bharti bharati naukri naukari pension वेतन नौकरी भर्ती तनख्वाह
        """
    ),
    "other": words(
        """
        movie film song news capital population president minister election vote train
        flight hotel joke time bitcoin stock weight covid
        translate translation french spanish prime ban banned season seasons harvest cm
        governor mla फिल्म गाना प्रतिबंध
        """
    ),
}
SIDE_KIND: dict[str, str] = {w: kind for kind, ws in SIDE_TOPICS.items() for w in ws}
# Words that mean the question is about something else entirely.
OFF_TOPIC = frozenset(SIDE_KIND)
SIDE_PHRASES: dict[str, str] = {
    "how to make": "howto", "how to grow": "howto", "how do i grow": "howto",
    "how to prepare": "howto", "how to cook": "howto",
    "how to start": "howto", "how do i make": "howto", "how can i make": "howto",
    # telling a genuine product from a fake is no question of the list
    "how to identify": "howto", "how to recognise": "howto",
    "how to recognize": "howto", "how to spot": "howto",
    "where to buy": "shopping", "where can i buy": "shopping", "kahan se kharide": "shopping",
    # the farmers' schemes; "kisan" alone is a farmer ("hum kisan hai, aloo odop me hai kya")
    "pm kisan": "finance", "kisan samman": "finance", "kisan credit": "finance",
    "kisan yojana": "finance", "किसान सम्मान": "finance", "पीएम किसान": "finance",
    # a business's own plan or report is no export action plan ("makhana business plan")
    "business plan": "other", "project report": "other", "project reports": "other",
    # what eating it does ("makhana khane se kya hota hai") is a health question
    # ("khane ke saman": food items, stays a product question)
    "khane se": "health", "खाने से": "health",
    # "jeera kitne ka hai": how much it costs, not a count
    "kitne ka": "price", "kitne ki": "price", "kitne me": "price", "kitne mein": "price",
    "kitna ka": "price", "कितने का": "price", "कितने की": "price", "कितने में": "price",
    # "share" alone is "please share the list"; the stock market is "share market/price"
    "share market": "other", "share bazaar": "other", "shares of": "other",
    # travel: "how to reach Bhadohi" is no contact question
    "how to reach": "other", "how do i reach": "other", "how can i reach": "other",
    "kaise pahunche": "other", "kaise pahuche": "other",
}
# Terms a definition question asks about ("what is a DEAP", "DEPC kya hai", "जीआई क्या है"):
# the key is a topic of data/faq.csv.
DEFINED_WORDS: dict[str, str] = {
    "deap": "deap", "deaps": "deap", "dap": "deap", "डीईएपी": "deap", "depc": "depc",
    "depcs": "depc", "डीईपीसी": "depc", "sepc": "sepc", "sepcs": "sepc", "एसईपीसी": "sepc",
    "gi": "gi", "जीआई": "gi", "odop": "odop", "ओडीओपी": "odop", "deh": "deh",
    # the district-level committee as J&K and UP sources name it (DLEPC)
    "dlepc": "depc", "dlepcs": "depc", "डीएलईपीसी": "depc",
    # the offices and codes officials name by initials
    "dic": "dic", "dics": "dic", "डीआईसी": "dic", "dgft": "dgft", "डीजीएफटी": "dgft",
    "ra": "ra", "ras": "ra", "lgd": "lgd", "एलजीडी": "lgd",
}
DEFINED_PHRASES: dict[str, str] = {
    "district export action plan": "deap", "export action plan": "deap",
    "district export promotion committee": "depc", "जिला निर्यात संवर्धन समिति": "depc",
    "state export promotion committee": "sepc", "राज्य निर्यात संवर्धन समिति": "sepc",
    "geographical indication": "gi", "one district one product": "odop",
    "एक जिला एक उत्पाद": "odop", "districts as export hubs": "deh",
    "district as export hub": "deh", "export hubs": "deh", "export hub": "deh",
    "निर्यात हब": "deh", "भौगोलिक संकेत": "gi", "भौगोलिक संकेतक": "gi",
    "district industries centre": "dic", "district industries center": "dic",
    "जिला उद्योग केंद्र": "dic", "directorate general of foreign trade": "dgft",
    # the DIC by its Hindi name in Latin letters, and kendra written with a half n
    "udyog kendra": "dic", "udhyog kendra": "dic", "उद्योग केंद्र": "dic",
    "उद्योग केन्द्र": "dic",
    "regional authority": "ra", "local government directory": "lgd",
}
DEFINE_CUES = (
    "what is", "what are", "whats", "what s", "what does", "stand for", "stands for",
    "full form", "meaning", "means", "mean", "matlab", "kya hai", "kya hota", "kya h",
    "kya hain", "kya hote", "define", "definition", "explain", "क्या है", "क्या होता",
    "क्या हैं", "क्या होती", "मतलब", "अर्थ", "पूरा नाम", "ka arth",
    # "DEAP kise kehte hain"; English "full form" written in Devanagari
    "kise kehte", "kise kahte", "kisko kehte", "kisko kahte", "किसे कहते", "फुल फॉर्म",
    "फुल फार्म",
)

# Words that say what about a committee, plan or office is asked ("deap status update",
# "depc guidelines", "deap bhejo"): never read as an unknown place beside the topic's word.
TOPIC_ASPECT_WORDS = words(
    """
    update updates updated latest current recent details detail information info structure
    composition guidelines guideline format template download copy link report reports
    progress meeting meetings minutes agenda date dates deadline order orders circular notice
    document documents summary overview timing timings today year month week approval
    approvals review sample samples example examples budget target targets portal status
    final draft copy pdf file files data hindi english language translation version
    bhejo bhejiye bhejie dikhao dikhaiye dikhayen dijiye dedo milega milegi milenge banega
    banegi bana bani hua hui karo kijiye chahie
    """
)

# Words naming ODOP itself or its committees and offices: a side question with one of them
# ("GST on ODOP products", "DEPC member salary") is outside what we know, not unknown.
ODOP_TERMS = words(
    """
    odop odops ओडीओपी depc depcs sepc sepcs dlepc deap deaps dic dics dgft डीईपीसी एसईपीसी
    डीआईसी डीजीएफटी
    """
)

# Side questions that are about exporting are ours after all ("how to export makhana").
EXPORT_WORDS = words("export exports exporter exporters exporting niryat निर्यात एक्सपोर्ट")

# Greetings and salutations people open a message with: read whole, as a greeting, before
# their words are read as names or products ("shree" is also Shree Anna, millets; "krishna"
# a district; "mata" begins Mata ni Pachedi). (common usage)
GREETING_PHRASES: tuple[str, ...] = (
    "jai shree ram", "jai shri ram", "jai sri ram", "jai siya ram", "jai shree krishna",
    "jai shri krishna", "jai sri krishna", "jai shree shyam", "jai shri shyam",
    "jai mata di", "jai mata ji", "jai bhim", "jai johar", "jai hind", "jai bharat",
    "jai jinendra", "jai gurudev", "jai jagannath", "jai maharashtra", "jai bajrangbali",
    "jai bajrang bali", "jai shree mahakal", "jai mahakal", "radhe radhe", "ram ram",
    "har har mahadev", "sat sri akal", "sat shri akal", "vande mataram", "khamma ghani",
    "जय श्री राम", "जय सिया राम", "जय श्री कृष्ण", "जय माता दी", "जय भीम", "जय जोहार",
    "जय हिंद", "जय जिनेंद्र", "जय जगन्नाथ", "राधे राधे", "राम राम", "हर हर महादेव",
    "सत श्री अकाल", "वंदे मातरम",
)

# Intent cue words, single folded tokens.
HELP_WORDS = words(
    """
    help madad sahayata commands command menu start guide hello hi hey namaste namaskar
    hlep thanks thank thankyou dhanyavad dhanyawad shukriya morning evening मदद सहायता
    नमस्ते नमस्कार धन्यवाद शुक्रिया
    """
)
HELP_PHRASES = ("what can you do", "how to use", "how do i use", "what do you do",
                "kya kar sakte", "how does this bot work", "how does this work",
                "how does it work", "what can i ask", "what should i ask", "puch sakte",
                "pooch sakte", "puchh sakte", "kya puchu", "क्या पूछ", "can this bot",
                "bot kya karta", "what does this bot", "how can you help",
                "क्या कर सकते", "kya kar sakte ho")

ABOUT_WORDS = words(
    """
    scheme yojana initiative programme program objective objectives aim purpose benefit
    benefits about ministry department matlab meaning abbreviation योजना उद्देश्य लाभ पहल
    मतलब launched launch history shuru
    """
)
ABOUT_PHRASES = (
    "what is odop", "what is the odop", "what is one district one product", "odop kya hai",
    "odop kya h", "odop ke bare", "odop ke baare", "one district one product",
    "districts as export hubs", "district as export hub", "export hub", "export hubs",
    "ओडीओपी क्या है", "एक जिला एक उत्पाद", "odop scheme", "about odop", "odop meaning",
    "full form", "who runs odop", "odop ka matlab", "odop means", "kya hota hai odop",
    "who started", "when was odop", "gi tag", "gi status mean",
    "what does gi", "what is gi", "निर्यात हब", "भौगोलिक संकेत", "भौगोलिक संकेतक",
)

COMMITTEE_WORDS = words(
    """
    committee committees samiti sepc depc chair chairs chaired chairman chairperson chairs
    cochair convener convenor conveners members member head heads headed secretary समिति
    अध्यक्ष संयोजक
    डीईपीसी एसईपीसी अध्यक्षता सदस्य
    कमेटी कमिटी चेयरमैन चेयरपर्सन मेंबर मेंबर्स
    """
)

PLAN_WORDS = words(
    """
    plan plans deap deaps notified notification draft drafted status adopted approved
    अधिसूचित मसौदा स्थिति
    डीईएपी
    प्लान प्लान्स स्टेटस नोटिफाई नोटिफाइड ड्राफ्ट
    """
)
PLAN_PHRASES = ("action plan", "export plan", "export action plan", "district export plan",
                # "are the plans ready": a plan done, not Ready Made Garments
                "is ready", "are ready", "plan ready", "plans ready",
                "karya yojana", "कार्य योजना", "निर्यात योजना", "एक्सपोर्ट प्लान", "एक्शन प्लान",
                # the Hindi word for plan beside export, in Latin letters and Devanagari
                # ("yojana" alone is a scheme)
                "export yojana", "niryat yojana", "niryaat yojana", "एक्सपोर्ट योजना")

CONTACT_WORDS = words(
    """
    contact contacts phone telephone mobile email mail address office offices dgft
    helpline helpdesk reach call officer officers nodal council councils epc epcs board
    authority authorities ra whom sampark website rcmc registration संपर्क फोन पता
    कार्यालय अधिकारी
    डीजीएफटी नंबर ईमेल परिषद बोर्ड
    dic dics डीआईसी
    कॉन्टैक्ट कांटेक्ट कॉन्टेक्ट ऑफिस एड्रेस मोबाइल हेल्पलाइन
    """
)
CONTACT_PHRASES = ("export promotion council", "regional authority", "talk to", "get in touch",
                   "who can help", "whom should", "who should i", "where can i get",
                   # "who helps with rubber exports", "which agency handles tea exports":
                   # the body to turn to, not the product's districts
                   "who helps", "who will help", "who assists", "who supports",
                   "who promotes", "which agency", "which body", "which organisation",
                   "which organization", "what agency",
                   "kisse milen", "kisse mile", "kis se milna", "kisse milna",
                   "kisse baat", "kis se baat", "kisse sampark", "kis se sampark",
                   "district industries centre", "district industries center",
                   "district industry centre", "जिला उद्योग केंद्र",
                   "udyog kendra", "udhyog kendra", "उद्योग केंद्र", "उद्योग केन्द्र",
                   # a council or board by another name ("marine products export body")
                   "export body", "export bodies", "promotion body", "export agency",
                   "export agencies", "promotion agency")

# "which DGFT office covers X": a DGFT word and an office/jurisdiction word together.
DGFT_WORDS = words("dgft डीजीएफटी")
DGFT_PHRASES = ("regional authority", "regional authorities", "regional office",
                "क्षेत्रीय प्राधिकरण", "kshetriya pradhikaran")
# "RA" is how officials write "Regional Authority" ("DGFT RA for Guntur", "RA Ludhiana").
DGFT_ABBREVIATIONS = words("ra ras")
# The DGFT offices closed and merged into others (2019-2020; dgft_ra_jurisdiction_more.csv):
# an office word with a merger word asks which office now covers a place.
MERGER_WORDS = words("merger mergers merged merge vilay vilaya विलय")
OFFICE_NOUNS = words("office offices karyalay karyalaya daftar dafter कार्यालय दफ्तर दफ़्तर ऑफिस")
DGFT_OFFICE_WORDS = words(
    """
    office offices karyalay karyalaya daftar dafter jurisdiction covers cover covering
    covered handles handle jurisdictional kshetradhikar which kaun kon kaunsa konsa kaunsi
    konsi कार्यालय
    दफ्तर दफ़्तर ऑफिस क्षेत्राधिकार कौन कौनसा कौनसी where kahan kahaan kaha kidhar nearest कहाँ
    कहां
    """
)
# Asking for an office's phone or address is a contact question ("DGFT office Jaipur phone").
CONTACT_DETAIL_WORDS = words(
    "contact contacts phone telephone mobile email mail address number sampark helpline "
    "संपर्क फोन फ़ोन पता नंबर ईमेल कॉन्टैक्ट कांटेक्ट कॉन्टेक्ट एड्रेस मोबाइल हेल्पलाइन"
)
# Words that ask for a district's Local Government Directory code ("lgd code of agra").
LGD_WORDS = words("lgd एलजीडी")
# Words that ask for a list of products ("GI products", "जीआई प्रोडक्ट्स").
PRODUCT_LIST_WORDS = words("product products items utpad उत्पाद प्रोडक्ट प्रोडक्ट्स")

STATS_WORDS = words(
    """
    many kitne kitna kitni total count statistics stats figures figure numbers progress
    overall national nationwide india bharat desh कितने कितना कितनी कुल आंकड़े आँकड़े
    आंकड़ा टोटल
    """
)
STATS_PHRASES = ("how many", "number of", "kitne district", "kitne zile", "kitne jile",
                 # "no. of notified DEAPs": "no." and "nos." are "number(s)"
                 "no of", "nos of", "numbers of",
                 # "DEAPs notified till date": the figure to date ("date" is no Green Dates)
                 "till date", "to date", "so far", "as on date", "as of date", "till now",
                 "as of now",
                 "all india", "across india", "in india", "gem bazaar", "odop bazaar",
                 "gem odop bazaar",
                 "gem portal", "odop numbers", "odop figures", "odop data")

# Words of the cue phrases above that say what is asked, not what about (so "odop" in
# "what is odop" is not a product or place); other words of a phrase stay free.
CUE_PHRASE_WORDS = words(
    """
    what is the can you do how to use i does this it work ask should puch pooch puchh
    sakte kya kar puchu one district product odop ka kya hai h ke bare baare scheme about
    meaning full form who runs started when was gi tag status mean means hota as export
    hub hubs many number no nos numbers of kitne zile jile all across in india gem bazaar
    portal numbers till date so far now on ready are
    figures data action plan karya yojana talk get touch kisse kis se baat sampark
    promotion council regional authority matlab एक जिला उत्पाद ओडीओपी क्या है कार्य योजना
    निर्यात पूछ kise kisko kehte kahte किसे कहते फुल फॉर्म फार्म हब भौगोलिक संकेत संकेतक
    एक्सपोर्ट एक्शन प्लान industries industry centre center उद्योग केंद्र केन्द्र udyog
    udhyog kendra
    """
)

# Everyday words for products live in data/product_synonyms.csv (see vocabulary.py).

# Words inside official product names that say little on their own ("Rice based products").
GENERIC_PRODUCT_WORDS = words(
    """
    and of the based product products processing processed goods item items craft crafts
    work works art arts food foods industry industries made etc allied related other
    others agro value added produce manufacturing parts services cluster hand type plain
    diversified wear type its home natural green raw white black red king queen dry single
    large light
    """
)

# The compass words of district names, by direction, as people write them: in English, in the
# Hindi/regional form the LGD uses ("Purbi Champaran", "Dinajpur Dakshin", "Medinipur West")
# and in Devanagari. A name may carry the word before or after it ("godavari east").
# The English words written in Devanagari too (our Hindi list has ईस्ट कामेंग, पूर्व गोदावरी).
COMPASS_GROUPS: tuple[frozenset[str], ...] = (
    words("east purba purbi poorvi purv पूर्व पूर्वी ईस्ट इस्ट"),
    words("west paschim pashchim पश्चिम पश्चिमी वेस्ट"),
    words("north uttar uttari उत्तर उत्तरी नॉर्थ नार्थ"),
    words("south dakshin dakshina dakshini दक्षिण दक्षिणी साउथ साऊथ"),
)
COMPASS_OF: dict[str, frozenset[str]] = {w: g for g in COMPASS_GROUPS for w in g}

# Indian number words after a number ("5 lakh", "do lac", "2 लाख"): the number, never a
# product ("lakh"/"lac" alone is lac, the resin). With the number words they follow.
NUMBER_UNITS = words("lakh lakhs lac lacs laakh crore crores karod karor लाख करोड़ करोड")
NUMBER_WORDS = words(
    """
    ek do teen char chaar paanch panch chhe chah saat aath nau das bees pachas pachchis sau
    one two three four five six seven eight nine ten twenty fifty hundred kuch kai few
    एक दो तीन चार पांच पाँच छह सात आठ नौ दस बीस पचास सौ कुछ कई
    """
)

# Words that in the singular mean something else than the product the plural names: "odop
# launch date", "last date" ask for a day, not the list's Green Dates. Beside a word of the
# fruit ("date palm", "date fruit") the singular is the product again.
SINGULAR_NOT_PRODUCT: dict[str, frozenset[str]] = {
    "date": words("palm palms fruit fruits khajur khajoor tree trees"),
}

# Words of three letters or fewer that name a product on their own ("tea", "oil", "dal").
# Other short words of official names are fragments ("pre" and "fab" of "Pre Fab Structures",
# "ups" of "Made Ups", "cut" of "Cut Stone"): they count only inside a run of the name's
# words ("pre fab"). Everyday short words for products are rows of data/product_synonyms.csv.
SHORT_PRODUCT_WORDS = words(
    """
    tea oil dal lac yam eri mat nut gas box gem cup dye api pvc tmt jam
    """
)

# Generic words that qualify a product ("red rice", "dry fish", "green tea"): inside a run of
# words of an official name they narrow it. The other generic words ("leather goods",
# "bamboo craft") add nothing, so such a run is read word by word.
QUALIFIER_WORDS = words(
    """
    red black white green dry king queen raw natural large light single plain sweet
    """
)

# Everyday names of two words for a thing no district lists, whose last word alone is a
# synonym of a listed product: "kali mirch" / "gol mirch" is black pepper, not chilli (mirch).
# Read whole, as a name we do not know. (Source: common usage.)
UNLISTED_NAMES = frozenset(
    {"kali mirch", "kaali mirch", "kali mirchi", "gol mirch", "gol mirchi", "काली मिर्च",
     "गोल मिर्च"}
)
# Everyday crops no district lists, which name what a product word after them is made of:
# "sesame seeds", "sunflower oil" are not every seed or oil of the list. (Source: common
# usage; tests/test_vocabulary.py checks that no product name has one.)
UNLISTED_CROPS = frozenset(
    {"sesame", "sunflower", "almond", "almonds", "olive", "barley", "linseed", "flaxseed",
     "safflower"}
)

# Hindi and Hinglish qualifiers, read as the English qualifier inside a run of product words:
# "lal chawal" is "red rice", "sukhi machhli" "dry fish". ("meethi" is left out: it is also
# methi, the list's "Pan Meethi".)
HINDI_QUALIFIERS: dict[str, str] = {
    "lal": "red", "laal": "red", "लाल": "red",
    "kala": "black", "kaala": "black", "kali": "black", "kaali": "black", "काला": "black",
    "काली": "black", "hara": "green", "haraa": "green", "hari": "green", "हरा": "green",
    "हरी": "green", "safed": "white", "sufed": "white", "सफेद": "white",
    "meetha": "sweet", "mitha": "sweet", "मीठा": "sweet", "मीठी": "sweet",
    "sukha": "dry", "sookha": "dry", "sukhi": "dry", "sookhi": "dry", "सूखा": "dry",
    "सूखी": "dry",
    # organic: the Hindi word and the English one as it is written in Devanagari
    "jaivik": "organic", "जैविक": "organic", "ऑर्गेनिक": "organic", "आर्गेनिक": "organic",
    "ऑर्गैनिक": "organic",
}

# Sector words: a question about "handicrafts of Rajasthan" lists that sector's products.
SECTOR_WORDS: dict[str, str] = {
    "handicraft": "Handicraft", "handicrafts": "Handicraft", "dastkari": "Handicraft",
    "हस्तशिल्प": "Handicraft", "handloom": "Handloom", "handlooms": "Handloom",
    "हथकरघा": "Handloom", "hathkargha": "Handloom", "agriculture": "Agriculture",
    "agricultural": "Agriculture",
    "krishi": "Agriculture", "कृषि": "Agriculture", "farm": "Agriculture",
    "textile": "Textile", "textiles": "Textile", "marine": "Marine", "dairy": "Dairy",
    "manufacturing": "Manufacturing", "engineering": "Manufacturing",
    # English sector words written in Devanagari
    "हैंडलूम": "Handloom", "हैंडीक्राफ्ट": "Handicraft", "हैंडीक्राफ्ट्स": "Handicraft",
    "टेक्सटाइल": "Textile", "टेक्सटाइल्स": "Textile", "इंजीनियरिंग": "Manufacturing",
    "डेयरी": "Dairy", "मैन्युफैक्चरिंग": "Manufacturing",
}

# Sectors named in two words; they are read before single product words.
SECTOR_PHRASES: dict[str, str] = {
    "food processing": "Food Processing", "processed food": "Food Processing",
    "food products": "Food Processing", "marine products": "Marine",
    "dairy products": "Dairy",
}

GI_WORDS = words(
    """
    gi geographical geographic जीआई
    """
)

# Short forms of State names (guj, UP, C.G., एमपी) are data/state_short_forms.csv.
