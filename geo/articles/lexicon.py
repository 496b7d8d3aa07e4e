"""The words the article reader looks for: what happened, with what, to what, and how sure.

Every list is plain English news wording, ordered from the most to the least specific; each
pattern is matched case-insensitively on word boundaries. Nothing here names a place: places
come from the gazetteer and the site register (geo.articles.places).
"""

from __future__ import annotations

import re


def words(*phrases: str) -> re.Pattern:
    """One pattern matching any of `phrases` (regular expressions) as whole words."""
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


# ---- what happened -------------------------------------------------------------------------
STRIKE = words(
    r"attack(?:ed|s|ing)?", r"strik(?:e|es|ing)", r"struck", r"hit(?:s|ting)?",
    r"bomb(?:ed|ing|ings)",
    r"shell(?:ed|ing|s)", r"target(?:ed|ing|s)?", r"blow(?:ing|n)?[- ]up", r"blew up",
    r"destroy(?:ed|ing|s)?", r"destruction", r"damag(?:ed|ing|es|e)", r"ablaze",
    r"(?:caught|catch|catching) fire", r"on fire",
    r"fires? (?:\w+ )?(?:broke out|breaks out|erupted)",      # "a fire also broke out"
    r"set (?:\w+ )?(?:on fire|ablaze|alight)", r"blaze", r"burn(?:ing|ed|t)",
    r"explosions?", r"explod(?:ed|ing)", r"blasts?", r"ignit(?:ed|ing|e)", r"razed",
    r"air ?strikes?", r"air raids?", r"came under (?:attack|fire|shelling)",
    r"landed (?:near|on|in|at)", r"fell (?:on|near|onto)", r"debris", r"knocked out",
    r"(?:drones?|UAVs?) (?:\w+ )?crash(?:ed|es)? (?:near|into|onto|on|at)",
    r"sustained (?:\w+ )?damage", r"depressuri[sz]ation",
    # "Facilities in the Dnipropetrovsk and Odessa regions were affected": the facilities hit
    r"(?:facilit(?:y|ies)|plants?|substations?) (?:[\w-]+ ){0,6}?(?:was|were|has been|"
    r"have been) affected", r"assault(?:ed)?", r"sabotage",
    r"fall(?:ing|en)? (?:of )?(?:an? |the )?(?:drones?|UAVs?|debris|wreckage|fragments)",
    r"(?:launch|fir)(?:ed|es|ing|e)? (?:[\w\-]+ ){0,4}?(?:drones?|missiles?|UAVs?|rockets?|"
    r"Shaheds?)",
    r"(?:drones?|missiles?|UAVs?|rockets?|Shaheds?) (?:were|was|had been|have been) "
    r"(?:fired|launched) (?:at|on|against|toward|towards)",      # "35 missiles were fired at"
)
INTERCEPTION = words(r"shot down", r"intercept(?:ed|s|ing)?", r"downed", r"repel(?:led|s)?",
                     r"suppressed", r"neutrali[sz]ed", r"destroyed \w+ (?:\w+ )?(?:drones?|UAVs?|"
                     r"missiles?)", r"(?:drones?|UAVs?|missiles?) (?:was|were) destroyed")
DAMAGE = words(r"debris", r"fragments", r"wreckage", r"damag(?:ed|ing|e)", r"fire", r"blaze",
               r"destroyed the", r"injur(?:ed|ing|ies)", r"killed", r"ignit(?:ed|ing)")
SECURITY = words(r"detain(?:ed|s|ing)?", r"detentions?", r"arrest(?:ed|s|ing)?",
                 r"(?<!air[- ])(?<!air)raid(?:ed|s)?",
                 r"deport(?:ed|ation)", r"kidnap(?:ped)?", r"abduct(?:ed)?", r"search(?:ed|es)")
PEOPLE = words(r"citizens", r"nationals", r"people", r"residents", r"journalists",
               r"activists", r"diaspora", r"migrants", r"members of")
DIPLOMATIC = words(r"signed", r"declaration", r"(?<!has an )(?<!have an )(?<!had an )agreement"
                   r"(?!\s+(?:had\s+|has\s+)?(?:expired|lapsed|ended|collapsed))",
                   r"treaty", r"ceasefire", r"truce",
                   r"brokered", r"summit", r"talks", r"negotiations", r"summoned", r"expelled",
                   r"recalled (?:its|the) ambassador", r"protest note", r"air ?space")
SUPPLY = words(r"began (?:carrying|delivering|supplying|pumping|transporting|flowing)",
               r"start(?:ed)? (?:deliveries|supplies|pumping|transit)", r"first (?:import|"
               r"delivery|deliveries|supplies|shipment)", r"put into operation",
               r"commissioned", r"(?:halted|suspended|stopped|interrupted|resumed) (?:the )?"
               r"(?:supplies|supply|pumping|deliveries|flows?|transit|operations?|production)",
               r"(?:supplies|supply|pumping|deliveries|flows?|transit) (?:was|were) (?:halted|"
               r"suspended|stopped|interrupted|resumed|restored)")
AVIATION = words(r"downing of (?:an?|the) [\w\- ]*?(?:aircraft|plane|airliner|jet)",
                 r"(?:plane|aircraft|airliner) (?:crash(?:ed)?|was shot down)",
                 r"shot down (?:an?|the) (?:passenger )?(?:plane|aircraft|airliner)")
# "the plant, commissioned in 1972, ...", "built back in 2012": the facility's history, given
# as background; its year is not the time of what the sentence tells
HISTORY_WORDS = (r"\b(?:built|constructed|commissioned|opened|founded|established|inaugurated|"
                 r"put\s+into\s+(?:operation|service))(?:\s+[\w-]+){0,3}?\s+in\s+"
                 r"(?:the\s+)?(?:19|20)\d\ds?\b")
HISTORY = re.compile(HISTORY_WORDS, re.IGNORECASE)
# a clause that goes on to what the strike caused, or to what the target does (", which
# supplies oil to the terminal of Ust-Luga"): the places after it are not targets
# (", damaging energy infrastructure and leaving 30,000 households without electricity"), or
# to where the place lies (", whose main city ... is 120 miles southeast of Moscow")
EFFECT_START = re.compile(r"(?:,|\band)\s+(?:forcing|leaving|cutting|causing|resulting|"
                          r"disrupting|affecting|so that)\b|,\s+whose\b|"
                          # "... knocked out power to the Chernobyl nuclear power plant": the
                          # plant lost power; what was struck is named before
                          r"\b(?:knock(?:ed|s|ing)?\s+out|cut(?:s|ting)?(?:\s+off)?)\s+(?:the\s+)?"
                          r"(?:power|electricity)(?:\s+supply|\s+supplies)?\s+(?:to|for)\b|"
                          r",\s+(?:which|that)\s+"
                          r"(?!(?:was|were|is|are|has|have|had|came|come)\b)(?=\w+s\b)",
                          re.IGNORECASE)
# "The attack disrupted air traffic across southern Russia, with authorities delaying or
# canceling flights at airports in Krasnodar, Sochi and Gelendzhik": the places after it are
# where travel stopped, whatever the sentence names before it
TRAVEL_HALTED = re.compile(
    r"\b(?:disrupt|halt|paralys|paralyz|suspend|restrict)\w*\s+(?:the\s+)?(?:air|rail|"
    r"train|flights?|road)\w*|,\s+with\s+(?:\w+\s+){0,2}(?:delaying|cancell?ing|grounding|"
    r"diverting|closing)\b|\b(?:flights?|airports?)\s+(?:\w+\s+){0,3}(?:delayed|cancell?ed|"
    r"grounded|diverted|closed|suspended)\b", re.IGNORECASE)
CONSEQUENCE = words(r"without (?:power|electricity|gas|heat(?:ing)?|light)", r"blackouts?",
                    r"power (?:outages?|cuts)", r"left without", r"disconnected")

# ---- how sure: words that make a sentence something other than a report of an event -------
HYPOTHETICAL = words(r"if", r"would", r"could", r"might", r"should", r"must", r"can",
                     r"will", r"won't", r"plans? to", r"threaten(?:s|ed)? to", r"intends? to",
                     r"aims? to", r"unless", r"whether", r"risks?", r"warn(?:s|ed)? (?:of|that)",
                     r"is scheduled", r"are scheduled", r"is expected", r"are expected",
                     r"may(?! \d)")
HABITUAL = words(r"regularly", r"often", r"routinely", r"every (?:day|night|week)",
                 r"keeps? (?:on )?(?:striking|attacking|hitting|targeting|shelling)",
                 r"continu(?:es|ed) to (?:strike|attack|hit|target|shell)",
                 r"daily", r"frequently", r"constantly", r"usually", r"times since",
                 r"over \d+ times", r"more than \d+ times")
# "targeted multiple times since 2022, most recently in February": the last of the series
LATEST = words(r"most\s+recently", r"the\s+latest\s+(?:on|in)", r"(?:the\s+)?last\s+time\s+"
               r"(?:on|in)")
# "due to the scale of the destruction of the energy infrastructure": damage summed up
SCALE_OF_DAMAGE = words(r"(?:scale|extent|amount)\s+of\s+(?:the\s+)?(?:destruction|damage)")
# "the oil depot caught fire again with renewed intensity": the fire of a strike told before
REKINDLED = words(r"(?:caught|catch|catching) fire again", r"flared up again",
                  r"re-?ignit(?:ed|es)", r"rekindled", r"(?:fire|blaze) (?:\w+ ){0,3}?flared up")
NEGATION = words(r"(?:did|does|do|has|have|had|was|were) not", r"didn't", r"wasn't",
                 r"weren't", r"denied", r"no (?:attack|strike|damage)", r"never",
                 r"without mentioning", r"made no mention")
GENERIC_TARGET = words(r"cities", r"schools", r"hospitals", r"civilians", r"territory",
                       r"infrastructure across", r"across (?:the country|Ukraine|Russia)",
                       r"neighbou?rs", r"interests", r"people")

# ---- with what -----------------------------------------------------------------------------
MISSILE = words(r"missiles?", r"rockets?", r"Iskanders?", r"Kalibrs?", r"Kinzhals?",
                r"Kh-\d+\w*", r"ballistic", r"cruise", r"hypersonic", r"ATACMS", r"Storm Shadows?",
                r"HIMARS", r"Neptunes?", r"Tochka", r"S-300", r"Oniks", r"Zircons?")
DRONE = words(r"drones?", r"UAVs?", r"unmanned (?:aerial|aircraft)\w*(?: vehicles?)?",
              r"Shaheds?", r"Shahed-type", r"Gerans?(?:-2)?", r"kamikaze", r"loitering munitions?",
              r"Lancets?")
SHELLING = words(r"artillery", r"shell(?:ed|ing)", r"mortars?", r"MLRS", r"Grads?",
                 r"multiple rocket launchers?")
AIRSTRIKE = words(r"glide bombs?", r"guided (?:aerial )?bombs?", r"KABs?", r"FAB-\d+",
                  r"aerial bombs?", r"air ?strikes?", r"bombers?")
SUBTYPES = (("missile", MISSILE), ("drone", DRONE), ("shelling", SHELLING),
            ("airstrike", AIRSTRIKE))

# ---- to what -------------------------------------------------------------------------------
FACILITY_HEADS = (
    "oil refinery", "oil refineries", "refinery", "refineries", "oil processing plant",
    "oil processing facility", "oil plant", "oil products plant", "petrochemical complex",
    "petrochemical plant", "refining complex", "gas processing plant", "oil depot", "oil depots",
    "fuel depot", "petrol depot", "fuel storage depot", "fuel storage facility",
    "oil storage depot", "oil storage facility", "oil products depot", "storage depot", "depot",
    "depots", "tank farm", "storage tanks", "storage tank", "oil terminals", "oil terminal",
    "logistics terminal", "terminal", "seaport", "port", "oil pumping station", "pumping station",
    "gas compressor stations", "gas compressor station", "compressor stations",
    "compressor station", "gas distribution station", "gas metering station",
    "gas measuring unit", "gas station", "filling station", "petrol station",
    "electric substations", "electrical substation", "electric substation", "substations",
    "substation", "transformer substation", "thermal power plant", "thermal power station",
    "nuclear power plant", "nuclear power station", "nuclear plant", "nuclear facility",
    "nuclear station", "hydroelectric power plant", "hydroelectric power station",
    "state district power plant", "state district power station",        # a GRES, translated
    "power plant", "power station", "power plants", "TPP", "CHPP", "CHP", "HPP", "NPP", "TETs",
    "GRES",
    "gas pipeline", "oil pipeline", "pipeline", "gas production facilities",
    "gas production facility", "gas production infrastructure", "production facilities",
    "gas infrastructure", "energy infrastructure", "energy facility", "energy facilities",
    "fuel and energy facility", "fuel and energy complex", "infrastructure facility",
    "facility", "facilities", "plant", "industrial enterprise", "enterprise", "airfield",
    "air base", "airport", "warehouse",
    "storage sites", "military airfield",
    "embassy", "consulate", "office", "headquarters",
)
GENERIC_HEADS = {"facility", "facilities", "infrastructure facility", "plant", "enterprise",
                 "industrial enterprise", "energy facility",
                 "energy facilities", "energy infrastructure", "gas infrastructure",
                 "production facilities", "fuel and energy facility", "fuel and energy complex",
                 "depot", "depots", "terminal", "port", "power plants", "storage tanks",
                 "storage tank"}
FACILITY_PATTERN = re.compile(r"\b(?:" + "|".join(
    re.escape(h) for h in sorted(FACILITY_HEADS, key=len, reverse=True)) + r")(?:s|es)?\b",
    re.IGNORECASE)
ENERGY_WORDS = words(r"oil", r"gas", r"fuel", r"petrol", r"diesel", r"refiner\w*", r"depot",
                     r"power", r"energy", r"electric\w*", r"substations?", r"pipelines?",
                     r"pumping", r"compressor", r"TPP", r"CHPP", r"CHP", r"HPP", r"NPP",
                     r"thermal")

# ---- who -----------------------------------------------------------------------------------
TITLES = words(r"governor", r"mayor", r"head", r"chief", r"chairman", r"chairwoman",
               r"minister", r"spokes(?:man|woman|person)", r"commander", r"president",
               r"prime minister", r"administration", r"military administration")
