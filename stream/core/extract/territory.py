"""Territory changing hands: "resistance forces seized Kawlin", "the town fell to the army", "captured by the AA"."""

from __future__ import annotations

import re

from stream.core.extract.actors import ROLE_WORDS, Actors
from stream.core.extract.context import ITEM, PRECISION_RANK, SentenceContext, most_precise
from stream.core.extract.findings import Finding, clause_before, framing, has_cue, words_before
from stream.core.extract.framing import WHOLE
from stream.core.extract.mentions import AREA_AFTER, NUMBERED_HEIGHT, Mention, local_name, title_case
from stream.core.extract.story_places import origin
from stream.core.extract.units import site_by, unit_site
from stream.core.lexicon import phrases, words
from stream.core.records import Place, Side
from stream.core.text import Cues, Gated, Regex, WordRegex, contains_any, lowered

# _VERB, _TOOK, _AUX_BEFORE and _ADJECTIVAL read the folded sentence: re.I costs two to four times more.
# The words live in stream/data/lang/en/territory.txt.
# "took full security control of Hpruso town", as state media write a recapture.
_CONTROL = r"(?:full\s+|complete\s+|total\s+)?(?:security\s+|military\s+|administrative\s+)?control\s+(?:of|over)"
# A group's name may hold a slash: "the AFC/M23 rebels", "KNU/KNLA forces".
_ARMED = rf"(?:the\s+|its\s+|their\s+)?(?:[\w’'/-]+\s+){{0,2}}?(?:{phrases(words('territory', 'armed'))})"
_VERB = WordRegex(
    rf"(?:(?P<noun>(?:{phrases(words('territory', 'nouns'))})\s+of)|"
    # "the town came under rebel control": the place before, its new holder inside.
    rf"(?P<fell>{phrases(words('territory', 'fell'))}|came\s+under(?=\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?control\b)|"
    # "Kalewa is now under the control of the rebels", "is now in rebel hands": the place before, its holder after.
    rf"(?:is|was|are|were)\s+now\s+(?:under(?=\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?control\b)|"
    rf"in(?=\s+(?:the\s+)?(?:[\w’'-]+\s+){{1,3}}?hands\b)))|"
    rf"(?P<verb>(?:{phrases(words('territory', 'control'))})\s+{_CONTROL}|{phrases(words('territory', 'taken'))}|"
    rf"(?:{phrases(words('territory', 'expelled'))})\s+{_ARMED}\s+out\s+of|"
    rf"(?:expelled|ousted|routed|dislodged|drove|chased|flushed|cleared)\s+{_ARMED}\s+from|"
    rf"now\s+in\s+(?:full\s+|complete\s+|total\s+)?control\s+of|"
    # "raised their flag over Kalewa": the place after.
    rf"(?:raised|hoisted|planted)\s+(?:their|its|the)\s+(?:[\w’'-]+\s+)?flags?\s+(?:over|above|at|on)))\b"
    rf"|(?P<lost>(?:(?:{phrases(words('territory', 'withdrew'))})\s+"
    rf"(?:(?:{phrases(words('territory', 'withdrew what'))})\s+){{0,3}}(?:from|of)|"
    # "pulled its troops out of X", "ordered its forces out of X": the side that sends its own out loses the place.
    rf"(?:pulled|ordered)\s+(?:(?:{phrases(words('territory', 'withdrew what'))})\s+){{1,3}}out\s+of)"
    # "pulled out of the ruins": people rescued, no place lost.
    rf"(?!\s+(?:the\s+)?(?:rubble|debris|ruins|wreckage|collapsed|burning|river|water|flames))|"
    rf"abandoned|lost(?:\s+(?:full\s+|complete\s+)?control\s+(?:of|over))?)\b")
# What raiders do where they storm in: killing, burning, carrying off. Those who take a place stay to hold it.
_RAID = Regex(r"\b(?:killing|killed|shot|shooting|massacr\w*|neutrali[sz]\w*|burn\w*|torch\w*|set\s+fire|abduct\w*|"
              r"kidnapp\w*|loot\w*|drove\s+(?:away|off)|driving\s+(?:away|off)|stole|stealing|rustl\w*|"
              r"opening\s+fire|from\s+house\s+to\s+house|opened\s+fire|fired\s+on|"
              # "stormed the quarter in what residents called a reprisal raid": the raid is named.
              r"raids?|reprisals?)\b")
# Those who storm in to kill and leave, named for it: "gunmen stormed the villages at night".
_RAIDERS = Regex(r"\b(?:assailants|gunmen|bandits|raiders|attackers|armed\s+men)\b")
# A place held only for a while and left again: "took control of parts of the base before withdrawing", "occupying the
# police station for several hours before pulling out". Those who left it took nothing. Not "briefly occupied", nor
# "occupied the post for several hours": a hold the story does not say was given up.
_LEFT_AGAIN = Regex(r"[^.;]{0,120}?\b(?:before\s+(?:withdrawing|pulling\s+(?:out|back)|retreating|leaving|"
                    r"being\s+(?:pushed|driven|forced|beaten)\s+(?:out|back)))")


def _held_briefly(low: str, end: int) -> bool:
    """The taking that ends at ``end`` is told as a while's hold, left again."""
    return "before " in low and _LEFT_AGAIN.match(low, end) is not None


# "Took control of it": a taking whose object is what the sentence said was attacked before it.
_IT = Regex(r"\s*(?:it|them)\b")
_ATTACKED = Regex(r"\b(?:attacked|assaulted|stormed|raided|besieged|encircled|surrounded)\s+(?=(?:the|a|an|two|three|"
                  r"several)\b)")
# "Fourteen people were killed when militants stormed a police station": the dead before, the storming their time.
# Or while they did: "three were killed on Monday as troops stormed the town".
_KILLED_WHEN = Regex(r"\b(?:killed|died|dead|wounded|injured|hurt)\b[^.;]{0,80}?\b(?:when|as)\s+(?:[\w'’-]+\s+){1,5}$")
_AUX_BEFORE = Regex(r"\b(?:was|were|been|is|are|being|be|get|got)\s+(?:\w+ly\s+|also\s+|later\s+|then\s+|soon\s+)?$")
_FACILITY = Regex(
    r"\b(?P<noun>town|city|village|base|camp|outpost|post|station|headquarters|checkpoint|garrison|capital|"
    r"township|district|hill(?:top)?|position|bridge|airport|border\s+crossing|gate|fort|stronghold|"
    r"compound|office|territory|area|positions|bases|camps|outposts|towns|villages|prison|jail)\b", re.I)
# Things seized that are not territory.
# The subject of a passive taking when it is people: "40 soldiers retreated towards Kawkareik, while 12 were
# captured" took prisoners, not Kawkareik.
# A head count, there and in _COUNT_TAKEN.
_HEAD_COUNT = r"\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores"
_PEOPLE_TAKEN = Regex(rf"\b(?:{_HEAD_COUNT}|"
                      r"hundreds|soldiers|troops|policemen|police|fighters|officers|civilians|villagers|people|others|"
                      r"prisoners|members|militants)\s+(?:more\s+)?(?:were|was|had\s+been|have\s+been)\s+$")
# The subject of a passive seizure when it is goods: "... and rifles and mortar rounds were seized".
_GOODS = (r"\b(?:weapons?|arms|ammunition|equipment|drones?|firearms?|vehicles?|guns?|rifles?|mortars?|mines?|"
          r"explosives?|documents?|property|assets|cash|money|goods|supplies|food|rice|phones?|prisoners?|munitions)")
_GOODS_SEIZED = Regex(_GOODS + r"\s+(?:\w+\s+)?(?:were|was|had\s+been|have\s+been|has\s+been)\s*$")
# A count right before a participle of taking: "six were killed and two captured".
_COUNT_TAKEN = Regex(rf"\b(?:and|while)\s+(?:{_HEAD_COUNT}|several|many|others)\s+(?:more\s+|others\s+)?$")
# Goods a participle describes: "photos of what it said were weapons seized at the base".
_GOODS_DESCRIBED = Regex(_GOODS + r"\s+$")
# A side pulling back from its lines, not from a place: "withdrawn from positions near X", "from its trenches".
_FROM_POSITIONS = Regex(r"\s*(?:from\s+)?(?:(?:some|several|two|three|its|their|the|a|forward|defensive|frontline)\s+)*"
                        r"(?:positions|lines|trenches|a\s+position)\b", re.I)
# Positions taken at a place's edge: "seized \"positions on the eastern perimeter\" of the division headquarters".
_ON_THE_EDGE = Regex(r"\W*(?:(?:some|several|two|three|new|key|forward)\s+)*(?:positions|posts|trenches|ground)\s+"
                     r"(?:on|along|around|at)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:edge|edges|perimeter|outskirts|fringes?|"
                     r"periphery|approaches)[\"”']?\s+of\b", re.I)
_AFTER_A_RAID = Regex(r"\bafter\s+(?:looting|burning|torching|killing|abducting|kidnapping|setting\s+fire|"
                      r"ransacking|plundering)\b")
# "set fire to dozens of homes before withdrawing from parts of the town": the same, told in its order.
_RAIDED_BEFORE = Regex(r"\b(?:set\s+fire|burn(?:ed|ing|t)|torch(?:ed|ing)|loot(?:ed|ing)|ransack(?:ed|ing)|"
                       r"plunder(?:ed|ing)|abduct(?:ed|ing)|kidnapp(?:ed|ing))\b[^.;]{0,120}?\b(?:before|then)\s+$")
# "repelled the assault and pushed the fighters out of the camp": the defenders' account of an assault that failed.
_REPELLED = r"(?:repelled|repulsed|beat\s+back|beaten\s+back|fought\s+off|foiled)"
_REPELLED_BEFORE = Regex(rf"\b{_REPELLED}\b[^.;]{{0,100}}?"
                         r"\band\s+$")
# A few, counted, and the posts a count may number: "captured three" is people, "three outposts" posts.
_FEW = r"(?:four|three|two|eight|some)"
_POSTS = r"(?:bases|outposts|camps|posts|positions|checkpoints|garrisons|hilltops|hills)\b"
_NOT_TERRITORY = Regex(
    r"^\W*(?:the\s+|a\s+|an\s+|large\s+|huge\s+)*(?:power|weapons?|arms|ammunition|equipment|"
    r"quantity|quantities|drones?|firearms?|vehicles?|guns?|rifles?|mines?|explosives?|documents?|"
    r"property|assets|cash|money|goods|supplies|food|rice|phones?|prisoners?|soldiers?|troops|him|her|"
    # "troops took over buildings to use as positions": houses, not a place that changed hands. Nor is "swathes of
    # territory", a course summed.
    r"buildings?|houses?|homes?|rooftops?|swathes?|swaths?|"
    # "seized most of the surrounding territory": land summed, no place named.
    r"(?:most|much|large\s+parts|parts)\s+of\s+the\s+(?:surrounding\s+)?(?:territory|countryside|areas?)\b|"
    # "retook villages in Masisi": villages no one names, in an area that was not what was taken.
    r"(?:(?:several|some|many|a\s+few|two|three|four|five)\s+)?(?:villages|localities|hamlets|settlements)\s+"
    r"(?:in|around|near|across)\b|"
    # "seized a shipment of weapons at Port Sudan", "seized a cargo boat": goods taken where a place is named.
    r"(?:shipments?|consignments?|cargo|containers?|caches?|stockpiles?|hauls?|trucks?|lorries|boats?|vessels?|ships?|"
    # Not "the gold-mining town of Lubutu": a town.
    r"drugs|narcotics|contraband|gold|fuel|cattle|livestock|cows|goats|sheep|camels|herds?)(?![\w-])|"
    # "the recapture of towns like Lashio": places named as examples of a kind, no taking told.
    r"(?:towns?|cities|places|villages|bases)\s+(?:like|such\s+as)\b|"
    # "the loss of life", "the loss of their homes": no place lost.
    r"life|lives|livelihoods?|homes?|income|contact|power\s+supply|"
    r"them|people|civilians|the\s+opportunity|the\s+chance|control\s+of\s+the\s+country|the\s+country|"
    # "abandoned their base in X" is X's base given up: their posts, not their lives or homes.
    r"government|the\s+government|state\s+power|"
    r"(?:their|his|its|her|my|our|your)(?!\s+(?:\w+\s+)?(?:bases?|camps?|posts?|outposts?|positions?|garrisons?|"
    r"headquarters|checkpoints?)\b)|"
    # "captured three", "took some": people. Not "captured three military outposts": posts counted.
    rf"{_FEW}(?!\s+(?:[\w-]+\s+){{0,2}}?{_POSTS})|others?|"
    # "lost both her parents", "lost relatives": people lost, no place.
    r"both|(?:(?:her|his|their)\s+)?(?:parents|family|families|relatives|children|husbands?|wives|sons?|daughters|"
    r"loved\s+ones|limbs?|legs?|sight)\b|"
    # "had lost too much blood", "lost consciousness", "lost hope": the body's and the mind's losses.
    r"(?:(?:too|so)\s+much\s+|a\s+lot\s+of\s+)?(?:blood|consciousness|hope|weight|everything)\b|"
    # What is seized that is no ground: "seized on the scandal", "took over the management of the airport",
    # "took control of the situation", "captured the imagination".
    r"on\b|upon\b|(?:the\s+)?(?:management|running|administration|operations?|leadership|presidency|chairmanship|"
    r"ministry|portfolio|situation|imagination|attention|hearts?|mood|spirit|headlines|initiative|momentum|narrative|"
    r"votes?|seats?|market|share|title|crown|trophy|lead)\b|"
    # A tally of places ("some 40 outposts", "dozens of villages") is a running count, not one incident.
    # Not "several wards of Bhamo": parts of a town the story names, and so the town's fighting for it.
    r"(?:about|around|nearly|almost|more\s+than|over|at\s+least|up\s+to|some)?\s*(?:\d[\d,]*|five|six|seven|nine|ten|"
    r"dozens|scores|hundreds|several|many|numerous)\b"
    r"(?!\s+(?:of\s+(?:the\s+)?)?(?:wards|neighbou?rhoods|quarters|blocks|sections)\s+of\s+(?-i:[A-Z])))", re.I)
# A place named after one of these is a landmark, not what was taken: "a key town on the road to X",
# "a base 20 km north of X".
_LANDMARK = Regex(
    r"\b(?:near|outside|outskirts\s+of|towards?|approach(?:es)?\s+to|road\s+to|route\s+to|way\s+to|from|beyond|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of|km|kilometres|kilometers|miles|"
    # "a hill base on the highway between X and Y": the road's ends. "Villages on the border of X and Y townships".
    r"between|borders?\s+of)\b", re.I)
# A place that names a road, not what was taken on it: "a bridge on the Lashio-Muse highway", "the Dawei road".
_ROAD_NAME = Regex(r"(?:\s*[-–—]\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+"
                   r"(?i:highway|road|route|railway|railroad|expressway|motorway|corridor|trunk\s+road|supply\s+route)\b")
_NEARBY = Regex(r"\bnear\b|\boutside\b|km\b|\bkilomet|\bmiles?\b|\baway\b", re.I)
_POST = Regex(r"\b(?:base|camp|outpost|post|station|headquarters|checkpoint|garrison|position|hill(?:top)?|bridge|"
              r"airport|airbase|depot)s?\b", re.I)
# Posts counted, then where they stand: "three military outposts in Shwegu township", "two positions near the
# village of Dachne", "three outposts on the eastern edge of Bhamo".
# A handful told with its bound ("at least five junta outposts on the outskirts of X") is counted so too, where a
# place follows: a tally of dozens is a campaign's course.
_COUNTED_SITES = Regex(rf"^\W*(?:the\s+)?(?:{_FEW}|several|(?:at\s+least|more\s+than|over|nearly|about|around)\s+"
                       rf"(?:{_FEW}|five|six|seven|nine|ten|[2-9]\b))\s+(?:[\w-]+\s+){{0,2}}?{_POSTS}"
                       r"(?P<at>\s+(?:(?:on|at|along)\s+the\s+(?:[a-z]+\s+)?(?:edges?|outskirts|fringes)\s+of\s+|"
                       r"(?:in|near|around|outside|at|overlooking)\s+)(?:the\s+)?"
                       r"(?:(?:[a-z-]+\s+){0,2}?(?:towns?|villages?|city|cities)\s+of\s+)?)?")
# Installations taken without a name ("captured a BA camp") were taken where the story is.
INSTALLATION = {"base", "camp", "outpost", "post", "station", "headquarters", "checkpoint", "garrison", "position",
                 "positions", "bases", "camps", "outposts", "hill", "hilltop", "prison", "jail"}
# "from occupied locations", "the captured town": a participle describing, not reporting.
_ADJECTIVAL = Regex(r"\b(?:from|in|into|of|at|near|the|an?|newly|recently|previously)\s+(?:\w+ly\s+)?$")
# "took" reports a capture only when a town or a post follows: "took the town of Mindat".
_TOOK = Regex(
    r"\b(?:took|take|takes|taken|taking)\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,2}?(?=(?:towns?|city|cities|"
    r"villages?|bases?|camps?|outposts?|posts?|headquarters|garrisons?|hill(?:top)?s?|bridges?|airports?|"
    r"checkpoints?|positions|position(?!\s+(?:of|as|that|for|to)\b))\b)")
_TAKING = Gated((_TOOK,), ("took", "tak"))  # every match of _TOOK holds one: most sentences hold neither
# Positions taken in, around, near or outside a place: a force deploying there ("took up positions around the palace",
# "near the bus station"), or on heights no one names ("on surrounding hills"). Not positions taken on a height named
# or placed ("on the hills of X", "on hills overlooking X"), nor the enemy's positions, whose words stand before
# "positions".
_DEPLOYED = Regex(r"\s+(?:up\s+)?positions?\s+(?:(?:in|inside|around|outside|across|throughout|within|along|near|"
                  r"beside|by)\b|close\s+to\b|next\s+to\b|"
                  r"on\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:(?:hills|hilltops|heights|ridges)\b(?!\s+(?:of|at|near|"
                  r"called|known|overlooking|above|around)\b)|(?:rooftops|roofs|outskirts|edges?|banks?|roads?|streets?)\b))")
# "Occupied" in a list of names is said of a place's holder: "strikes on the ship and occupied Jaffa". After a verb
# it is one more: "stormed and occupied the town".
_LISTED_BEFORE = Regex(r"(?:\b(?P<word>[\w'’-]+)\s+(?:and|or)|,)\s+$")
_PAST_VERB = Regex(r"[\w'’-]+ed|overran|took|ran|swept|broke|came|went|fought|seized|held|won|drove|rode|stormed")
# An attack its defenders say failed: what they then "secured" they had held all along.
_HELD_AGAINST = Regex(rf"\b(?:{_REPELLED}|dealt\s+(?:decisively\s+)?with|thwarted)\b")
# "Troops still occupy the police station": a hold, told in the present.
_STILL = Regex(r"\b(?:still|continue\s+to|continues\s+to)\s+$")
# "It was the first time the rebels had taken a battalion's base": the news's taking measured against the war's, no
# post of its own.
_FIRST_TIME = Regex(r"\bthe\s+first\s+time\s+(?:that\s+|since\s+\S+\s+)?(?:[\w'’-]+\s+){1,4}?(?:had|have|has)\s+"
                    r"(?:\w+ly\s+|ever\s+)?$")
# "took Lashio", "took back Kawlin": "took" reports a capture too when a known place follows it and ends its phrase
# ("took Mandalay residents hostage" does not; "took part", "took power" name no place).
_TOOK_BARE = Regex(r"\b(?:took|takes|taken|taking)(?:\s+back)?\s+")
# "Bhamo was taken by the KIA": a passive "taken" reports a taking only when an armed side is its agent ("taken by
# ambulance", "taken by surprise" are not) and a place is its subject.
_TAKEN_BY = Regex(r"\btaken(?=\s+by\s)")
# The place itself is the subject, right before the verb: "the town of Bhamo has been taken by", not "five men who
# were farming near the village were taken by troops", who were people taken.
_PLACE_THEN_AUX = Regex(r"(?:\s+(?i:town|city|village|base|camp|outpost|post))?"
                        r"\s+(?i:has\s+been|had\s+been|have\s+been|was|were|is|are)\s+(?:[a-z]+ly\s+)?")
_LOCATIVE_BEFORE = Regex(r"\b(?i:in|at|near|outside|from|around|into|to|between)\s+(?:the\s+)?$")
_PLACE_ENDS = Regex(r"\s*(?:[,.;:)]|$|\s+(?:on|in|after|from|last|this|early|late|as|and|while|when|before|at|"
                    r"overnight|yesterday|today|following|without|with)\b)")
# "withdrew from the village but vowed to defend Sweida": "but" opens another clause, comma or not.
# A site taken, then the name it goes by: "a hilltop position known as Tabat al-Mashjah", "the position, referred to
# on military maps as Point 1173", "a hill ... known locally as “Tal Sheikh Hasan”".
_KNOWN_AS = Regex(r"\s*(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:hill|hilltop|height|position|outpost|post|base|camp|ridge|"
                  r"peak|summit)\b[^.;:]{0,70}?,?\s+(?:(?:which\s+is\s+)?(?:known|referred\s+to)\s+(?:locally\s+|"
                  r"on\s+(?:the\s+)?(?:military\s+)?maps\s+)?as|called)\s+[\"“']?"
                  r"(?P<name>(?-i:[A-Z][\w'’-]*(?:[\s-]+(?:[A-Z][\w'’-]*|al|el|ad|as|ash|\d{2,4}))*))", re.I)
# Double quotes, which a side's own words of a taking stand in ("liberated", "taken full control"): read as spaces
# where the verbs are looked for, so each offset stays where it is in the sentence.
_QUOTES = ('"', "“", "”")
_QUOTES_AS_SPACES = str.maketrans({quote: " " for quote in _QUOTES})
# "had taken most of A and had also advanced in B": a verb of its own after "and" opens another clause.
_CLAUSE_END = Regex(r"[;:]|,\s+(?:the|a|an|and|but|while|which|who|after|before|as|according)\b|\.\s|\s+but\s|"
                    r"\s+and\s+(?:had|has|have|was|were|is|are)\s+(?:also\s+)?(?:\w+ed|been)\b", re.I)
# A list's last name may follow ", and": "A, B, and C".
_LIST_END = Regex(r"[;:]|,\s+(?:the|a|an|and\s+(?-i:[a-z])|but|while|which|who|after|before|as|according)\b|\.\s", re.I)


# Every sentence this finder reports holds one of these: the others are skipped with a substring test.
CUES = Cues("seiz", "captur", "overr", "took", "tak", "control", "occup", "retook", "regain", "liberat", "fell", "fall",
        "loss", "storm", "wrest", "withdr", "retreat", "pulled out", "abandon", "lost", "rolled into", "rolls into",
        "rolling into", "swept into", "sweeps into", " out of", "expelled", "ousted", "routed", "dislodged",
        "drove", "chased", "flushed", "cleared", "came under", "re-enter", "reenter",
        "marched into", "marches into", "into the heart of", "into the centre of", "into the center of", "now under",
        "hands", "flag", "secured")


def find_seizures(ctx: SentenceContext, actors: Actors = ROLE_WORDS) -> list[Finding]:
    """Seizures of named places or of facilities near one; people and weapons seized are ignored."""
    text = ctx.sentence.text
    if text[:1] == "(" and (item := _item_taken(ctx, actors)):
        return item  # "(b) the hill position known as Point 1220, on 12 October;"
    if not has_cue(text, CUES):
        return []
    found: list[Finding] = _fell_alone(ctx, actors) if " fall" in text or " fell" in text else []
    low = lowered(text)
    if contains_any(low, _QUOTES):
        low = low.translate(_QUOTES_AS_SPACES)  # 'had "liberated" X', '"taken full control" of X': the verb itself
    took = [m for pattern in _TAKING.where(low) for m in pattern.finditer(low)]
    # "Took" is a taking before a known place only in news of the day: in the lede or with a day of its own ("the
    # army took Ann after months of fighting", told in an analysis, is the war's course).
    if ("too" in low or "tak" in low) and (ctx.sentence.paragraph <= 0 or ctx.timeline.anchored(ctx.index)):
        took += [m for m in _TOOK_BARE.finditer(low) if any(
            mention.start == m.end() and _PLACE_ENDS.match(text, mention.end) for mention in ctx.mentions)]
    if "entered" in low:
        # "Rebels entered Kani after the withdrawal of government troops": a place its holders left to the newcomers.
        took += [m for m in _ENTERED.finditer(low) if _LEFT_TO_THEM.match(low, m.end())]
    if "taken by" in low:
        took += [m for m in _TAKEN_BY.finditer(low) if actors.side_of(_agent(text[m.end():])) not in (None, "civilian")
                 and any(_PLACE_THEN_AUX.fullmatch(text, mention.end, m.start())
                         and not _LOCATIVE_BEFORE.search(text, max(0, mention.start - 12), mention.start)
                         for mention in ctx.mentions)]
    for m in sorted((*_VERB.finditer(low), *took), key=lambda m: m.start()):
        head = low[max(0, m.start() - 40): m.start()]
        if low[m.start() - 1:m.start()] == "-":
            continue  # "the Russian-occupied nuclear plant": who holds it, told in passing
        if found and low.endswith(", ", 0, m.start()) and m.group(0).startswith(_PARTICIPLES):
            continue  # "captured the army's headquarters in X, taking full control of the town": the same taking
        if m.group(0).startswith(("took", "tak")) and _DEPLOYED.match(low, m.start() + len(m.group(0).split()[0])):
            continue  # "troops took up positions around the town": where a force deploys, not a place taken
        if m.group(0) == "occupied" and text[m.end() + 1:m.end() + 2].isupper() and (
                joined := _LISTED_BEFORE.search(low, max(0, m.start() - 30), m.start())) and (
                not joined["word"] or not _PAST_VERB.fullmatch(joined["word"])):
            continue  # "the ship and occupied Jaffa", "Gaza, occupied Jerusalem": who holds a place, said in a list
        if low.endswith(":", 0, len(low.rstrip())) and _FOLLOWING.match(low, m.start()):
            continue  # "captured the following positions:": the items after it name them, each taken on its day
        if m.group(0) == "secured" and _HELD_AGAINST.search(low, 0, m.start()):
            continue  # "repelled the attackers, and the town and its surroundings were secured": held, not taken
        if m.group(0) == "occupy" and (not ctx.sentence.headline or _STILL.search(low, max(0, m.start() - 20),
                                                                                   m.start())):
            continue  # "troops still occupy the police station": a hold told in the present; a headline's is news
        if m.start() < 4 and _GERUND_SUBJECT.match(low):
            continue  # "'Taking the hill back means the villages will sleep,' said a fighter": what a taking means
        if _ADJECTIVAL.search(head) and not m.group(0).startswith(("took", "take")) and not _said(m, "noun"):
            continue
        lost = _said(m, "lost")
        if m.group(0) in ("lost", "abandoned") and low.startswith(",", m.end()) and _AUX_BEFORE.search(head):
            # "After the outpost was lost, jets bombed A and B": what was lost stands before the verb, and the clause
            # ends with it; the places after the comma belong to the next clause.
            continue
        # "are now in full control of X" is said of the side that took it, with its object after.
        active = lost or m.group(0).startswith("now")
        passive = not active and (bool(_AUX_BEFORE.search(head)) or low[m.end(): m.end() + 4] == " by ")
        fell = _said(m, "fell")
        if fell and m.group(0).startswith(_NOW_HELD) and _RELATIVE.search(head):
            continue  # "Kalewa, which is now in rebel hands, was bombed": who holds it, told in passing
        if ((passive and (_GOODS_SEIZED.search(head) or _PEOPLE_TAKEN.search(head))) or _GOODS_DESCRIBED.search(head)
                or (_COUNT_TAKEN.search(head) and m.group(0).startswith(("captured", "seized", "taken")))):
            # "weapons were seized", "12 were captured", "six were killed and two captured": the goods and the
            # prisoners, not the place.
            continue
        if m.group(0).startswith("storm") and (_RAID.search(low, m.end()) or _DENIED_AFTER.search(low, m.end())
                                               or _KILLED_WHEN.search(low, max(0, m.start() - 160), m.start())
                                               or _RAIDERS.search(clause_before(low, m.start(), 80))):
            # "stormed the village, killing eight", "gunmen stormed two villages at night": a raid, which leaves no one
            # holding the place.
            continue
        if _held_briefly(low, m.end()):
            continue  # "occupying the police station for several hours before withdrawing": a raid, not a taking
        post = None
        if passive or fell:
            target_text, place = _before(ctx, m.start())
            # "fell to rebels": the verb's words hold the "to" before its taker.
            after = (" to" if m.group(0).endswith(" to") else "") + text[m.end():]
            agent = _agent(after) or _holder(after) if m.group(0).startswith(_HELD) else _agent(after)
        else:
            target_text, place = _after(ctx, m.end())
            post = _unit_post(ctx, m.end(), place)
            if post is None and m.group(0).startswith(("took", "tak")):
                # "took the LIB 318 headquarters": the post's words open after "took", before where its noun stands.
                post = _unit_post(ctx, m.start() + len(m.group(0).split()[0]), place)
            if post is not None:
                # "captured the base of LIB 542 on the outskirts of Kyaukphyu": the unit's post, not the town beside it.
                target_text = target_text or text[m.end():m.end() + 120]
            if target_text and _IT.match(target_text) and (attacked := _ATTACKED.search(low, 0, m.start())):
                # "attacked the outpost at Tlangpi village before dawn and took full control of it": what was attacked.
                target_text, place = _after(ctx, attacked.end())
            if _said(m, "noun") and _TIME_OF.search(low, max(0, m.start() - 20), m.start()):
                continue  # "covered South Kivu before the fall of Bukavu", "since the fall of Kabul": a time told by it
            if target_text and _said(m, "noun") and _THE_SITE.match(target_text):
                # "The fall of the town deals a blow to talks under which Kinshasa ...": a noun of taking with no name
                # of its own looks back at a taking the story names, not at a name further on.
                continue
            # "officials called the fall of X a blow": a noun of taking has no agent before it.
            # "Army columns entered X town in Y Township, Z Region, on 14 November and took control of the town": a
            # verb after "and" has the subject of the one before, further back.
            reach = 160 if low.endswith(" and ", 0, m.start()) else 80
            agent = "" if _said(m, "noun") else _subject(words_before(text, m.start(), reach))
        # Read past the quote closing a side's own verb: 'had "liberated" ten villages, including X'.
        listed = None if passive or fell else _COUNTED_LIST.match(text.translate(_QUOTES_AS_SPACES), m.end())
        if listed:  # "captured three provincial capitals: A, B and C": each name after the count was taken
            found.extend(_listed(ctx, m, listed.end(), actors, agent, sites=bool(listed["sites"])))
            continue
        # Read from the verb: the place after "on the outskirts of" is a landmark to _after, here where the posts stand.
        counted = None if passive or fell else _COUNTED_SITES.match(text[m.end():m.end() + 160])
        if counted and counted["at"]:
            target_text = target_text or text[m.end():m.end() + 160]
        elif target_text is None or _NOT_TERRITORY.match(target_text):
            continue
        if counted:
            # "captured three military outposts in Shwegu township": the posts of the place named right after them.
            # Not "lost three bases in Kachin ... since it bombed X": a state is no place taken, nor is X.
            at = m.end() + counted.end()
            place = next((mention.place for mention in ctx.mentions if mention.start == at
                          and mention.place.precision not in ("admin1", "country")), None) if counted["at"] else None
            if place is None and counted["at"] and not any(mention.start == at for mention in ctx.mentions):
                # "several hills in the Al-Mashjah area": where the posts stand, a name no gazetteer knows.
                place = _apposed_town(ctx, at)
            if place is None:
                continue
        if _ON_THE_EDGE.match(target_text):
            continue  # "seized positions on the eastern perimeter of the base": ground at its edge, not the base
        if (lost or m.group(0).endswith((" out of", " from"))) and _FROM_POSITIONS.match(target_text):
            # "withdrew from positions near the village of X", "pushed the enemy out of positions on the edge of X":
            # lines pulled back or lost, no place given up.
            continue
        if lost and (_AFTER_A_RAID.search(low, m.end(), m.end() + 120)
                     or _RAIDED_BEFORE.search(low, max(0, m.start() - 160), m.start())):
            continue  # "the militants withdrew from the base after looting weapons": raiders leaving, no one's loss
        if (lost or low.endswith((" out of", " from"), m.start(), m.end())) and _REPELLED_BEFORE.search(
                low, max(0, m.start() - 120), m.start()):
            continue  # "repelled the assault and pushed the fighters out of the camp": the camp still held
        place = _site_told(target_text, place, place or ctx.place, post)
        facility = _FACILITY.search(target_text)
        # Not "drove the attackers out of the area": an area told again is no place that changed hands.
        if (place is None or place.precision == "country") and facility and facility["noun"].lower() != "area" and (
                re.search(r"\b(?:the|this|that|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,2}" + facility["noun"], target_text,
                          re.I)):
            # "captured the bridge": the bridge the story named before ("the Nam Lwe bridge"), else the place
            # said before ("took over the whole township"). So does a city a country's words describe: "entered X,
            # taking control of eastern Congo's second-largest city".
            place = _named_site(ctx, facility["noun"], actors) or _referred(ctx, m.start(), facility["noun"])
        if place is not None and place.precision == "country":
            place = None  # "a post near the Bangladesh border": a country is never what was taken
        if place is None and facility and facility["noun"].lower() in INSTALLATION and not (
                (passive or fell) and _OWN_CLAUSE.match(target_text)) and (
                ctx.mentions or ctx.sentence.paragraph <= 1 or ctx.timeline.follows_a_place(ctx.index)) and (
                not _FIRST_TIME.search(low, max(0, m.start() - 60), m.start())):
            # Not the sentence's place outside the taking's clause: "crossed into X after their camp was overrun". Nor,
            # past the lede, a place told sentences before: a quote's "they have taken the hill, nothing more". Nor
            # a post the news is weighed by: "the first time they had taken a battalion's base in the district".
            place = _unless_origin(ctx)
        if place is not None and place.precision == "admin1" and facility:
            place = _within(ctx, place) or place  # "the southern Chin State town": a town in Chin, named nearby
        if place is not None and place.precision == "admin1" and not WHOLE.search(target_text):
            place = None  # "a hamlet in the Luhansk region", "most of Chin State": the area is not what was taken
        if place is None or (place.code is None and _group_named(actors, place.name)):
            continue  # "overran the Dawlah Islamiyah camp": whose camp, not where it stands
        neg, hyp = framing(text, m.start())
        hyp = hyp or _intended(low, m.start())
        neg = neg or _undone(low, m.start(), m.end())
        taker = "unknown" if lost else _taker(actors, agent, text[:m.start()])
        if taker is None:
            continue  # "striking workers occupied the port": no armed force took it
        taken = [place] + (_joined(ctx, m.end(), place) if not (passive or fell) else [])
        found.extend(Finding(
            type="territory_seized", start=m.start(), end=m.end(), trigger=text[m.start():m.end()], place=each,
            side=taker,
            by=None if lost else _by_name(agent, actors),
            target=facility["noun"].lower() if facility and each is place else "place", negated=neg,
            hypothetical=hyp, distinct=len(taken) > 1,
        ) for each in taken)
    return found


# "Our forces have completely captured the following positions:", the list of them after it.
_FOLLOWING = Regex(rf"\b(?:(?:{phrases(words('territory', 'taken'))})|(?:{phrases(words('territory', 'control'))})\s+"
                   rf"{_CONTROL})\s+(?:the\s+|these\s+)?following\s+(?:[\w-]+\s+){{0,2}}?(?:positions|posts|"
                   r"outposts|bases|camps|villages|towns|areas|locations|places|sites|checkpoints|hills)\s*:\s*$")


def _item_taken(ctx: SentenceContext, actors: Actors) -> list[Finding]:
    """An item of a list of places a statement says were taken: "captured the following positions:", then "(a) the
    Kyein outpost and the police station, on 9 October;", each item a line of its own. The item names the place as
    the words after a verb of taking would; the verb, its taker and its framing are the opening line's."""
    text = ctx.sentence.text
    item = ITEM.match(text)
    opener = ctx.timeline.list_opened_by(ctx.index) if item else None
    verb = _FOLLOWING.search(lowered(opener)) if opener else None
    if item is None or opener is None or verb is None:
        return []
    start = item.end()
    target_text, place = _after(ctx, start)
    post = _unit_post(ctx, start, place)
    place = _site_told(target_text, place, place, post) if target_text else post or place
    if place is None or place.precision in ("admin1", "country"):
        return []
    agent = _subject(words_before(opener, verb.start(), 80))
    neg, hyp = framing(opener, verb.start())
    end = len(text.rstrip(" ;.,"))
    return [Finding(type="territory_seized", start=start, end=end, trigger=text[start:end], place=place,
                    side=_taker(actors, agent, opener[:verb.start()]) or "unknown", by=_by_name(agent, actors),
                    target="place", negated=neg, hypothetical=hyp)]


def _site_told(target_text: str, place: Place | None, around: Place | None, post: Place | None) -> Place | None:
    """The site the words after a verb of taking name, else the place they name: a site by the name it goes by, placed
    in ``around``; a numbered unit's post; a town's works."""
    if " as " in target_text and (known := _KNOWN_AS.match(target_text)) and (name := local_name(known["name"])):
        # "a hill overlooking the dam, known locally as Tal Sheikh Hasan": the site by the name it goes by.
        return Place(name=name, precision="facility", admin1=around.admin1 if around else None,
                     country=around.country if around else None)
    if post is not None:
        return post
    if place is not None and place.precision == "town" and (works := _TOWN_WORKS.match(target_text)):
        # "took full control of Kyaukphyu airport": the airport, not the town, changed hands. "The Gaza side of the
        # Rafah crossing" is Rafah's crossing, where the place named first is Gaza.
        town = works["town"].strip() if works["side"] else place.name
        return place.model_copy(update={"name": f"{town} {works['kind'].lower()}", "code": None,
                                        "precision": "facility"})
    return place


def _unit_post(ctx: SentenceContext, offset: int, place: Place | None) -> Place | None:
    """The post of a numbered unit named right at ``offset``, placed at the town named after it in the clause, else at
    the place the clause or the sentence is at."""
    text = ctx.sentence.text
    post = unit_site(text, offset)
    if post is None:
        return None
    end = post.end
    stop = _CLAUSE_END.search(text, end)
    clause_end = stop.start() if stop else len(text)
    mention = next((mention for mention in ctx.mentions if end <= mention.start < clause_end
                    and mention.place.precision not in ("admin1", "country")), None)
    if mention is not None:  # named as the story spells it: "Kyaukphyu", where the gazetteer has "Kyaukpyu"
        return site_by(post, mention.place, text[mention.start:mention.end], text[end:mention.start])
    town = place or ctx.place
    if town is None or town.precision in ("admin1", "country"):
        return None
    spelled = next((text[m.start:m.end] for m in ctx.mentions if town.code and m.place.code == town.code), town.name)
    return site_by(post, town, spelled, "")


# "captured Kawlin and Pinlebu", "took Kawlin on Monday and Pinlebu on Tuesday", "seized Kawlin, and later the
# village of Nankhan": places joined to the one taken share its verb. A place joined any other way ("and
# advanced on Pinlebu"), or a state or country ("Kawlin, Sagaing Region"), ends the list.
_WHEN = (r"(?:\s*\b(?:on\s+(?!the\b|an?\b)\w+(?:\s+\d{1,2})?|yesterday|today|overnight|earlier|later|then|"
         r"last\s+\w+|this\s+\w+))?")
_JOINED = Regex(rf"^{_WHEN}\s*(?:,\s*and|,|and|as\s+well\s+as)\s+{_WHEN}\s*"
                r"(?:the\s+(?:(?:\w+\s+)?(?:town|village|city|township)s?\s+of\s+)?)?$", re.I)
# The plural noun of a list of places and the area they lie in, then more of the list: "took the A and B
# districts of one province and the C district of the next" ("in Region X, and the C district in Region Y").
_LIST_NOUN_IN = r"^\s+(?:districts?|towns?|villages?|townships?)\s+in\s+(?:the\s+)?"
_AREA_OF_LIST = Regex(_LIST_NOUN_IN + "$", re.I)
# "the villages of A in Ukraine's Donetsk region and B in the Luhansk region": each place's area after it, then more.
# The country may be told by its side: "A in eastern Ukraine's Donetsk region, as well as B".
_AREA_OF_ONE = Regex(r"^(?:\s+in\s+(?:the\s+)?(?:(?:(?:north|south)-?)?(?:east|west)ern\s+|northern\s+|southern\s+|"
                     r"central\s+)?|(?:['’]s)?\s+)$", re.I)
_AREA_THEN_MORE = Regex(r"^\s+(?:region|province|state|oblast|governorate|district|county)\s*"
                        r"(?:,\s*and|,?\s*as\s+well\s+as|,|and)\s+"
                        r"(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.I)
_LIST_GOES_ON = Regex(_LIST_NOUN_IN + r"(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s*"
                      r"(?:,\s*and|,|and|as\s+well\s+as)\s+(?:the\s+)?$", re.I)


def _joined(ctx: SentenceContext, offset: int, first: Place) -> list[Place]:
    """The places joined to ``first``, the one taken named after ``offset``, by "and" or a comma."""
    text = ctx.sentence.text
    after = sorted((mention for mention in ctx.mentions if mention.start >= offset), key=lambda mention: mention.start)
    at = next((i for i, mention in enumerate(after) if mention.place == first), None)
    if at is not None:
        end, rest = after[at].end, after[at + 1:]
    else:  # a name no gazetteer knows ("captured Dhabad and ..."): the list goes on after it
        where = text.find(first.name, offset)
        if where < 0:
            return []
        end, rest = where + len(first.name), after
    joined: list[Place] = []
    unknown = not title_case(text)  # in a title-case headline, capitals mark no names
    joined_area = False  # the last name read was the area the place before it lies in
    for mention in (*rest, None):
        if mention is not None and mention.start < end:
            continue  # a name inside the last one
        # Names no gazetteer knows may come first: "took Qodqod, and at dawn Bacadweeyn and Dhuusa".
        while unknown and (bare := _JOINED_NAME.match(text, end, len(text) if mention is None else mention.start)):
            name = local_name(bare["name"])
            if name is None:
                break
            place = Place(name=name, precision="village" if first.precision in ("village", "facility") else "town",
                          admin1=first.admin1, country=first.country)
            if place not in joined:
                joined.append(place)
            end = bare.end()
        if mention is None:
            break
        gap = text[end:mention.start]
        if mention.place.precision in ("admin1", "country"):
            if _AREA_OF_LIST.match(gap):
                continue  # "the A and B districts in Region X": where the list's places lie
            if _AREA_OF_ONE.match(gap):
                end, joined_area = mention.end, True  # "A in Ukraine's Donetsk region and B": where A lies
                continue
            break
        if not (_JOINED.match(gap) or _LIST_GOES_ON.match(gap) or (joined_area and _AREA_THEN_MORE.match(gap))):
            break
        if " of " in gap and (mention.place.precision in ("township", "district")
                              or AREA_AFTER.match(text, mention.end)):
            break  # "overran A, the main town of B district": where A lies, told in apposition, not a second place
        if mention.place != first and mention.place not in joined:
            joined.append(mention.place)
        end, joined_area = mention.end, False
    return joined


# A joiner, then a capitalised name that ends where a list's name ends: before punctuation or a joining word.
# After a bare comma the list must go on ("took A, B and C"): "a base in A, Lower Shabelle, on Monday" names
# the region A lies in.
_NAME_ENDS = r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|on|in|near|after|before|from|as|last|this|yesterday|today|overnight)\b)"
_JOINED_NAME = Regex(
    rf"{_WHEN}\s*(?:(?P<and>,\s*and|and|as\s+well\s+as)|,)\s+{_WHEN}\s*(?:the\s+(?:town|village|city)\s+of\s+)?"
    r"(?P<name>(?-i:[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){0,2}))"
    rf"(?(and){_NAME_ENDS}|(?=,?\s+and\b|,\s*(?-i:[A-Z])))",
    re.I)


# A count of places, then their names: "three provincial capitals: A, B and C", "two towns, A and B".
# "hamlets like A, B and C": places named as examples of what was taken are each taken.
# Sites counted, then where they stand: "three outposts at A, B and C", "two hills, known locally as A and B".
_COUNTED_LIST = Regex(
    r"\s*(?:(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:towns|cities|capitals|villages|districts|townships"
    r"|(?P<sites>bases|outposts|camps|hills|hilltops|posts|positions|checkpoints|garrisons))"
    r"(?:\s+(?:on\s+\w+|overnight|yesterday|today|this\s+week|in\s+(?:a|one)\s+(?:day|week)))?"
    r"(?:\s*(?::|—|–|,)\s*(?:known\s+(?:locally\s+)?as\s+|(?:including|among\s+them|such\s+as|namely)\s+)?"
    r"|(?(sites)\s+(?:located\s+)?at\s+|(?!)))"
    r"|(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:towns|cities|capitals|villages|bases|districts|townships|outposts|camps)"
    # "ten villages in the Korenevo district, including X": the area they lie in may stand before the examples.
    r"(?:\s+in\s+the\s+(?-i:[A-Z][\w'’-]*\s+){1,3}(?:district|region|province|area|oblast|state|territory|"
    r"township))?,?\s+(?:such\s+as|including|namely|among\s+them)\s+)", re.I)


_LIST_OPENS = Regex(r"\s*(?:the\s+)?[\"“']?", re.I)
# The kind of site a listed name is told with: "A hill, Point 512 and the B checkpoint".
_SITE_WORD_AFTER = Regex(r"\s+(?:hill|hilltop|camp|base|outpost|post|checkpoint)s?\b", re.I)
# A site's name no gazetteer knows, opening a list of sites: "two hills, known locally as Loi Hsam and Point 730".
_SITE_NAME = Regex(r"(?:the\s+)?(?P<name>(?-i:[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2}))"
                   r"(?=\s*(?:,|and\b|(?:hill|camp|base|outpost|post|checkpoint)s?\b))", re.I)


def _listed(ctx: SentenceContext, m: re.Match[str], start: int, actors: Actors, agent: str,
            sites: bool = False) -> list[Finding]:
    """Each place named in the list that opens at ``start``, up to the end of the clause."""
    text = ctx.sentence.text
    stop = _LIST_END.search(text, start)
    end = stop.start() if stop and stop.start() > start else len(text)
    places: list[Place] = []
    opening = _SITE_NAME.match(text, start, end) if sites else None
    if opening and ctx.place and not any(mention.start == opening.start("name") for mention in ctx.mentions) and (
            name := local_name(opening["name"])):
        # Sites are named for themselves: a name no gazetteer knows is the site's, where the story is.
        places.append(Place(name=name, precision="facility", admin1=ctx.place.admin1, country=ctx.place.country))
        start = opening.end()
    for mention in sorted(ctx.mentions, key=lambda mention: mention.start):
        if mention.start < start or mention.start >= end or mention.place.precision in ("admin1", "country"):
            continue
        # The list ends where its names stop following one another: "... and D in Kalehe, between E and F". It opens
        # on its first name: "the two villages, about 40 km west of Mogadishu" names where they are, not what.
        if (places and not _JOINED.match(text[start:mention.start])) or (
                not places and not _LIST_OPENS.fullmatch(text, start, mention.start)):
            break
        places.append(mention.place)
        start = mention.end
        if sites and (word := _SITE_WORD_AFTER.match(text, start)):
            start = word.end()
    if not places and ctx.place is not None and (named := _NAMES_LISTED.match(text, start, end)):
        # "ten villages in the Korenevo district, including Snagost": names no gazetteer knows, where the story is.
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", named["names"]):
            if (local := local_name(part)) is not None:
                places.append(Place(name=local, precision="village", admin1=ctx.place.admin1,
                                    country=ctx.place.country))
    neg, hyp = framing(text, m.start())
    return [Finding(type="territory_seized", start=m.start(), end=m.end(), trigger=text[m.start():m.end()],
                    place=place, side=actors.side_of(agent) or "unknown", by=_by_name(agent, actors),
                    negated=neg, hypothetical=hyp, distinct=len(places) > 1) for place in places]


# A list of names no gazetteer knows, up to its clause's end: "Snagost", "A, B and C".
_NAMES_LISTED = Regex(r"(?P<names>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){0,2}(?:(?:,\s*(?:and\s+)?|\s+and\s+)"
                      r"[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){0,2})*)\s*(?:[.,;]|$)")


# "Kutkai fell on Sunday", "the town of Kutkai has fallen": a place fell, with no taker named. Not bombs that fell
# on a place, prices that fell, a soldier who fell ill, nor a day that fell on a Sunday.
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_FELL_ALONE = Regex(
    r"\s+(?:\w+ly\s+)?(?P<fell>fell|has\s+fallen|had\s+fallen|have\s+fallen)\b"
    r"(?!\s+(?:to|onto|into|in|silent|ill|short|apart|asleep|back|behind|victim|prey|sharply|by|from|over|off|out|"
    r"down|under|within|through|across|below|to|after|dead|sick|quiet|due)\b)"
    rf"(?!\s+on\s+(?!{_DAYS}|the\s+(?:morning|night|evening|\d)|\w+\s+\d))", re.I)


def _fell_alone(ctx: SentenceContext, actors: Actors) -> list[Finding]:
    """A place whose name stands right before "fell" fell: to a side the sentence names, else to one unknown."""
    text = ctx.sentence.text
    found = []
    for mention in ctx.mentions:
        m = _FELL_ALONE.match(text, mention.end)
        if m is None or mention.place.precision in ("admin1", "country"):
            continue
        neg, hyp = framing(text, mention.start)
        neg = neg or _undone(lowered(text), mention.start, m.end())
        found.append(Finding(type="territory_seized", start=m.start("fell"), end=m.end("fell"), trigger=m["fell"],
                             place=mention.place, side="unknown", negated=neg, hypothetical=hyp))
    return found


def _group_named(actors: Actors, name: str) -> bool:
    """True when ``name`` is an armed group's name or alias, whole."""
    actor = actors.actor_in(name)
    return actor is not None and name.casefold() in {n.casefold() for n in (actor.name, *actor.aliases)}


def _said(m: re.Match[str], group: str) -> bool:
    """True when ``group`` of _VERB matched (a match of _TOOK has none of them)."""
    return group in m.re.groupindex and m[group] is not None


def _within(ctx: SentenceContext, region: Place) -> Place | None:
    """The most precise place of ``region`` the sentence names, or the one it inherited."""
    inside = [m.place for m in ctx.mentions if m.place.admin1 == region.admin1 and m.place.precision != "admin1"]
    if inside:
        return min(inside, key=lambda p: PRECISION_RANK[p.precision])
    for inherited in (ctx.place, ctx.carried):
        if inherited and inherited.admin1 == region.admin1 and inherited.precision != "admin1":
            return inherited
    return None


def _after(ctx: SentenceContext, offset: int) -> tuple[str | None, Place | None]:
    text = ctx.sentence.text
    if text[offset:offset + 1] in _QUOTES:
        offset += 1  # the quote closing a verb quoted as its side said it: 'had "liberated" Um Sumeima'
    stop = _CLAUSE_END.search(text, offset)
    end = stop.start() if stop else len(text)
    target = text[offset:end][:120]
    bare = _BARE_NAME.match(target)
    if bare and _ROAD.search(bare["name"]):
        return None, None  # "took control of the RCD Highway near Kalat for hours": a road held, no place taken
    if bare and _OWNED_SITE.match(target, bare.end()):
        bare = None
    if bare is None:
        site_at = _SITE_IN.match(target)
    elif _GENERIC_SITE.search(bare["name"]):
        site_at = _SITE_AT.match(target, bare.end())
    else:
        # "the SAF garrison at Al Kuweik", "the Chad army garrison at Bol": whose site, then where it stands. Not "the
        # Nam Kyein base in Kutkai Township": a site's own name, then the area it lies in.
        site_at = _OWNED_SITE_AT.match(target, bare.end())
        if site_at and not (site_at["force"] or bare["name"].isupper()):
            site_at = None
    if site_at:
        # "recaptured the Forward Operating Base (FOB) at Wajiroko", "raised their flag over the district
        # headquarters in Mahas": a site's kind, and the name after "at" or "in" is the place.
        offset += site_at.end()
        bare = _BARE_NAME.match(text[offset:end][:120])
    if bare is None and (kind := _SETTLEMENT_OF.match(target)):
        # "occupied the town of Mucojo, on the Macomia coast": the settlement so named, known or not.
        return target, _apposed_town(ctx, offset + kind.end())
    if bare and (town := _NAMES_ITS_TOWN.match(text, offset + bare.end("name"))):
        return target, _apposed_town(ctx, town.end())  # "the Kokang capital Laukkai", neither name known or both
    if bare and not any(m.start == offset + bare.start("name") for m in ctx.mentions):
        named = _named_after(ctx, bare["name"])  # "the fall of Kalungu ..., officials in DR Congo said"
        if named:
            return target, named
    for mention in ctx.mentions:
        if offset <= mention.start < offset + len(target):
            if _MEASURED_FROM.search(text, max(offset, mention.start - 40), mention.start) and _DISTANCE.search(
                    text, offset, mention.start) and _SETTLEMENTS_TAKEN.match(target):
                # "the two villages, about 40 kilometres west of Mogadishu": where they are measured from. (A site
                # so placed is the town's: "the bridge 5 km outside Hsenwi".)
                continue
            if town := _NAMES_ITS_TOWN.match(text, mention.end):
                return target, _apposed_town(ctx, town.end())  # "the Kokang capital Laukkai": Laukkai was taken
            if _landmark_only(text, offset, mention):
                return None, None  # the one place named is a landmark: nothing was named as taken
            return target, _possessed(ctx, mention) or mention.place
    return target, None  # a bare name, had there been one, was tried above


# A region's word for its town, the town's name after it: "the Kokang capital Laukkai", "the Darfur city Nyala".
_NAMES_ITS_TOWN = Regex(r"\s+(?:(?:state|regional|provincial|district|township)\s+)?"
                        r"(?:capital|city|town|stronghold|hub)\s+"
                        r"(?=[A-Z])")


# "the town of X", "the coastal village of X", "the area of X": a settlement's kind, then its name.
_SETTLEMENT_OF = Regex(r"\s*(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:town|village|city|locality|hamlet|settlement|area)\s+of\s+"
                       r"(?=[A-Z])")


def _apposed_town(ctx: SentenceContext, start: int) -> Place | None:
    """The town named at ``start``, after its region's word for it, known or not."""
    known = next((m.place for m in ctx.mentions if m.start == start), None)
    bare = _BARE_NAME.match(ctx.sentence.text[start:]) if known is None else None
    return known or (_named_after(ctx, bare["name"]) if bare else None)


_POSSESSIVE = Regex(r"(?:['’]s)?\s+(?=[A-Z])")


def _possessed(ctx: SentenceContext, mention: Mention) -> Place | None:
    """A locality a town's name owns: "took control of Rafah's Tel al-Sultan" took Tel al-Sultan, in Rafah;
    "Khartoum's Omdurman", Omdurman."""
    text = ctx.sentence.text
    # The mention holds its "'s" ("Rafah's"), or the "'s" follows it.
    owned = text.endswith(("'s", "’s"), mention.start, mention.end) or text.startswith(("'s", "’s"), mention.end)
    owns = _POSSESSIVE.match(text, mention.end) if owned else None
    bare = _BARE_NAME.match(text[owns.end():]) if owns else None
    name = local_name(bare["name"]) if bare else None
    if owns is None or name is None or mention.place.precision not in ("town", "village", "township", "district"):
        return None
    known = next((m.place for m in ctx.mentions if m.start == owns.end() and text[m.start:m.end] == name), None)
    return known or Place(name=name, precision="village", admin1=mention.place.admin1, country=mention.place.country)


def _landmark_only(text: str, start: int, mention: Mention) -> bool:
    """The place named after ``start`` only locates what was taken: "a town near X", "camps on the road to X", "a base
    on the highway between X and Y", "a bridge on the X-Y road". But "an outpost near X", "a base 3 km from X" are X's.
    """
    if _ROAD_NAME.match(text, mention.end):
        return True
    landmark = _LANDMARK.search(text, start, mention.start)
    return landmark is not None and not (_NEARBY.search(text, start, mention.start)
                                         and _POST.search(text, start, landmark.start()))


# A participle that goes on telling the taking before it, after a comma.
_PARTICIPLES = ("taking", "seizing", "capturing", "overrunning", "retaking", "recapturing", "wresting", "gaining")
# A taking as the subject of what it means: "Taking the hill back means ...", "Capturing the town was ...".
# "Capturing Marib, a gas-producing region, would strengthen ...": an aside may stand between.
_GERUND_SUBJECT = Regex(r"\W{0,3}(?:taking|capturing|seizing|retaking|recapturing)\b[^.;]{0,60}?\s"
                        r"(?:means|meant|is|was|would|will|has|gives|gave)\b")


# "took over Dhabad": a capitalised name right after the verb is the place taken, known or not.
# Not the word before a settlement's noun: "the Congolese city of Bukavu", "the Burmese town of X".
# Words of a name may open on an Arabic article: "Jabal al-Balaq al-Sharqi".
# An apostrophe may stand inside a word of the name for a letter of its own ("Jabal al-Tala'a"), not for "'s".
# A height is named by its number on the map: "Hill 702", "Point 1173".
_BARE_NAME = Regex(rf"^\s*(?:the\s+)?(?P<name>{NUMBERED_HEIGHT}|"
                   r"[A-Z][A-Za-z\-]+(?:['’][A-Z][A-Za-z\-]+)?(?:\s+(?:(?:al|el|an|ar|as|ash|"
                   r"at|ad|az)-)?[A-Z][A-Za-z\-]+(?:['’](?!s\b)[a-z]+)?){0,3})\b(?![’'])"
                   r"(?!\s+(?:(?:\w+\s+)?(?:city|town|village|port|capital|hub)\s+of)\b)"
                   # "camps near the India-Myanmar border": a border, named by its sides, is no town.
                   r"(?!\s+(?:border|frontier|boundary)\b)")
# "took over the Levies station": whose station the name says, not a place (tried after the name, which is not
# shortened to pass it).
# So is "the Levies thana": a police station in the words of Pakistan's news.
_OWNED_SITE = Regex(r"\s+(?:station|office|offices|headquarters|compound|branch|building|thana|chowki)\b")
# Entering a place is taking it only where its holders left first.
_ENTERED = Regex(r"\bentered\b")
_LEFT_TO_THEM = Regex(r"[^.;]{0,80}?\bafter\s+(?:the\s+)?(?:(?:withdrawal|retreat|departure|pull-?out)\s+of\b|"
                      r"(?:[\w-]+\s+){1,4}?(?:withdrew|retreated|pulled\s+out|had\s+withdrawn|had\s+pulled\s+out)\b)")
# A road by its name: "the RCD Highway", "the Karakoram Highway", "the Kalay Road".
_ROAD = Regex(r"\b(?:Highway|Road|Motorway|Expressway|Bypass)$")
# A site's kind written in capitals ("Forward Operating Base", "Main Supply Camp"), and the "at" that names its place.
_GENERIC_SITE = Regex(r"\b(?:Base|Camp|Post|Outpost|Headquarters|Barracks|Garrison)$")
_SITE_AT = Regex(r"(?:\s*\([A-Z]{2,6}\))?\s+(?:at|in)\s+(?=[A-Z])")
_OWNED_SITE_AT = Regex(r"\s+(?:(?P<force>army|military|police|government|junta|regime|rebel|militia)\s+)?"
                       r"(?:headquarters|base|camp|barracks|garrison|outpost|post|checkpoint|detachment)\s+(?:at|in)\s+"
                       r"(?=[A-Z])")
_SITE_IN = Regex(r"\s*(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:headquarters|base|camp|barracks|garrison|outpost|compound|"
                 r"station|post|checkpoint)"
                 r"\s+(?:at|in)\s+(?=[A-Z])")


def _named_after(ctx: SentenceContext, bare: str) -> Place | None:
    """A place no gazetteer knows, named right after a seizure verb, in the country the story is in."""
    name = None if title_case(ctx.sentence.text) else local_name(bare)
    around = ctx.place or ctx.carried
    if name is None or around is None:
        return None
    return Place(name=name, precision="town", admin1=None, country=around.country)


# A verb of an earlier clause of the chain: "fighters entered Minhla, took over the police station and secured the
# town" were the fighters, not the police station before the last verb.
_CHAINED = Regex(r"\b(?:entered|took|captured|seized|overran|stormed|occupied|raised|hoisted|attacked)\b")


def _subject(agent: str) -> str:
    """The words before the first verb of a chain of takings, where its subject stands, if any stand there."""
    chain = _CHAINED.search(agent)
    return agent[:chain.start()] if chain and agent[:chain.start()].strip() else agent


# "the village on the shore of the Kakhovka reservoir": a water or a works named for a town, not the town.
_FEATURE_AFTER = Regex(r"\s+(?:reservoir|river|dam|lake|canal|power\s+plant|nuclear\s+plant)\b", re.I)


# A time told by a taking: "before the fall of Bukavu", "since the capture of the town".
_TIME_OF = Regex(r"\b(?:before|since|until|till|prior\s+to)\s+(?:the\s+)?$")
# "the town", "this strategic base" with no name of its own after it: one the story told before.
_THE_SITE = Regex(r"^\s*(?:of\s+)?(?:the|this|that)\s+(?:[a-z-]+\s+)?(?:town|city|village|base|camp|garrison|outpost|"
                  r"hill|hilltop|bridge|airport)"
                  r"\b(?!\s+(?:of|called|named|at|in|near)\b|\s*,?\s*[A-Z])")


# A town's works, named by the town: "Kyaukphyu airport", "the Sittwe seaport", "the Gaza side of the Rafah border
# crossing" (a crossing is named without its "border").
_TOWN_WORKS = Regex(r"^\s*(?:the\s+)?(?:(?:security\s+|army\s+|military\s+)?(?:camp|post|base|checkpoint)s?\s+"
                    r"(?:guarding|at|of|protecting)\s+(?:the\s+)?)?(?P<side>[A-Z][\w'’-]+\s+side\s+of\s+(?:the\s+)?)?"
                    r"(?P<town>(?:[A-Z][\w'’-]+\s+){1,3})(?:border\s+)?(?P<kind>(?i:airport|airbase|seaport|bridge|dam|crossing))"
                    r"\b")
# How many sentences back "the bridge" may look for the bridge a story named.
_SITE_REACH = 4
# Sites whose proper name a story gives once and then drops: "the Nam Lwe bridge", then "the bridge". A name's words
# open on a capital, or on an Arabic article: "the Tabab al-Bara hill". Each pattern compiled once.
_NAMED_SITES = {noun: re.compile(rf"\b((?:(?:[A-Z]|(?:al|el|an|ar|as|ash|at|ad|az)-)[\w'’-]+\s+){{1,3}}){noun}\b")
                for noun in ("bridge", "airport", "dam", "hill", "hilltop", "border crossing", "gate")}


def _named_site(ctx: SentenceContext, noun: str, actors: Actors) -> Place | None:
    """The site of this kind the story named in the sentences just before, placed where the story is."""
    noun = noun.lower()
    named = _NAMED_SITES.get(noun)
    around = ctx.place or ctx.carried
    if named is None or around is None:
        return None
    for text in reversed(ctx.timeline.texts[max(0, ctx.index - _SITE_REACH):ctx.index]):
        found = [m.group(1).strip() for m in named.finditer(text)]
        names = [n for n in found if n.split()[0] not in ("The", "A", "An", "This", "That") and not
                 _group_named(actors, n)]
        if names:
            return Place(name=f"{names[-1]} {noun}", admin1=around.admin1, country=around.country,
                         precision="facility")
    return None


# "entered Mucojo, on the coast, and occupied the administrative post": a few words set off by commas may stand
# between the place and the taking joined to it.
# "entered Mucojo and took control", "entered Mucojo at 10 a.m. on Monday, raised their flag over": the next verb.
_AND_THEN = Regex(r"[\"”]?(?:(?:,\s+[a-z][^,;.]{0,40},)?\s+and\s+(?:then\s+)?|\s+[a-z][^,;]{0,40},\s+)[\"“]?")
_IN_NAME = Regex(r"(?-i:\b(?:in|at|entered|into)\s+(?P<name>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2}))"
                 r"(?=[\s,.;\"”]|$)")


_SETTLEMENTS_TAKEN = Regex(r"\s*(?:the\s+)?(?:[\w-]+\s+)?(?:villages?|towns?|settlements?|localities|locality|"
                           r"hamlets?)\b", re.I)
_DISTANCE = Regex(r"\b\d+\s*(?:km|kilometres|kilometers|miles|mi)\b", re.I)
_MEASURED_FROM = Regex(r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|outside|from)\s+(?:the\s+)?"
                       r"(?:(?:town|city|village|capital)\s+of\s+)?$", re.I)


# "overran a military base in Marte": where the story placed a site it later refers to as "the base".
_PLACED_AT = Regex(r"\s+(?:in|at|near|outside)\s+(?:the\s+(?:town|village|city)\s+of\s+)?$")


def _site_placed_before(ctx: SentenceContext, noun: str) -> Place | None:
    """The place the story last gave a site of this kind: "ISWAP overran a military base in Marte ... (paragraphs on)
    ... claimed to have taken control of the base" took Marte's base, whatever place the sentences between named.
    Not the headline's: "NPA camp in Northern Samar" names the province the body places in its town."""
    noun = noun.lower()
    for k in range(ctx.index - 1, -1, -1):
        if ctx.timeline.headline(k):
            continue
        text = ctx.timeline.texts[k]
        low = lowered(text)
        if noun not in low:
            continue
        for mention in reversed(ctx.timeline.places(k)):
            m = _PLACED_AT.search(low, max(0, mention.start - 40), mention.start)
            if m and low.endswith((noun, noun + "s"), 0, m.start()):
                return mention.place
    return None


def _referred(ctx: SentenceContext, offset: int, noun: str | None = None) -> Place | None:
    """The place "the town" refers to: the sentence's own where it names one before ``offset``, or later in the
    clause ("the base captured by the rebels is called X"), else where the story placed a site of its ``noun``, else
    the one told before the sentence. Not a name past the clause: "withdrew from the village but vowed to defend
    Sweida city" left the village told before."""
    text = ctx.sentence.text
    if any(m.end <= offset for m in ctx.mentions):
        return _unless_origin(ctx)
    # "killed five people in Mucojo and took control of the village": a name no gazetteer knows, told before.
    # The name ends the clause the taking is joined to ("... in Mucojo and took control of"), where no other place
    # (the speakers' "sources in X said", a force's "fighters in X") can stand between.
    named_in = [m for m in _IN_NAME.finditer(text, 0, offset) if _AND_THEN.fullmatch(text, m.end(), offset)]
    if named_in and ctx.place is not None and (name := local_name(named_in[-1]["name"])):
        return Place(name=name, precision="village", admin1=ctx.place.admin1, country=ctx.place.country)
    stop = _CLAUSE_END.search(text, offset)
    end = stop.start() if stop else len(text)
    # Not a place the site is measured from: "the two villages, about 40 kilometres west of Mogadishu".
    later = tuple(m for m in ctx.mentions if offset <= m.start < end and not _FEATURE_AFTER.match(text, m.end)
                  and not _MEASURED_FROM.search(text, max(0, m.start - 40), m.start))
    return most_precise(later) or (_site_placed_before(ctx, noun) if noun else None) or ctx.carried or ctx.place


def _unless_origin(ctx: SentenceContext) -> Place | None:
    """The sentence's place, unless each name of it there tells only where a force came from."""
    place = ctx.place
    text = ctx.sentence.text
    named = [m for m in ctx.mentions if m.place == place]
    if named and all(origin(text, m) for m in named):
        return None
    return place


# A clause of its own before a passive taking: "crossed into Thailand's Mae Sot district after their outpost was
# overrun". Its subject stands after the conjunction; a comma before the verb ends no such clause ("Kawlin, which the
# army had held since 2021, was seized").
_OWN_CLAUSE = Regex(r"\b(?:after|before|when|while|until|once|because|although|though|whereas)\s+[^,;]*$")


def _before(ctx: SentenceContext, offset: int) -> tuple[str | None, Place | None]:
    text = ctx.sentence.text
    head = text[:offset]
    target = head[-120:]
    clause = _OWN_CLAUSE.search(target)
    if clause:
        target = target[clause.start():]
    # "Kawlin in the Sagaing region ... was seized": the most precise place before the verb is the one taken.
    start = offset - len(target)
    near = [m for m in ctx.mentions if start <= m.start and m.end <= offset]
    if not near:
        return target, None
    taken = min(reversed(near), key=lambda m: PRECISION_RANK[m.place.precision])
    if _landmark_only(text, start, taken):
        return None, None  # "a hill base on the highway between X and Y that was seized": the base, not named
    return target, taken.place


# The verbs that say who holds a place after them: "came under rebel control", "is now in rebel hands".
_NOW_HELD = ("is", "was", "are", "were")
_HELD = ("came", *_NOW_HELD)
_RELATIVE = Regex(r"\b(?:which|that|where)\s+$")


def _holder(after: str) -> str:
    """Who holds a place that "came under rebel control", "is now under the control of the rebels" or "is now in
    rebel hands": the words before "control" or "hands", or those after "control of"."""
    for noun in ("control", "hands"):
        if noun in after[:60]:
            before, rest = after.split(noun, 1)
            of = re.match(r"\s+of\s+([^,.;]{0,60})", rest)
            return of.group(1) if of and before.strip() in ("", "the") else before
    return ""


def _agent(after: str) -> str:
    m = re.match(r"\s*(?:by|to)\s+([^,.;]{0,80})", after, re.I)
    return m.group(1) if m else ""


# "a counteroffensive to retake X", "close to capturing X", "on the verge of seizing X": a taking aimed at, not done.
_INTENT = Regex(r"\b(?:(?P<before>\w+(?:\s+on)?)\s+to|(?:close|closer|near|nearer)\s+to|(?:verge|brink)\s+of|"
                r"aim\s+of|goal\s+of|hope\s+of|hopes\s+of)\s+$")
# The words after which "to take X" tells it done: "managed to take", "went on to seize", "reported to fall".
_DONE_TO = frozenset({"managed", "able", "went on", "moved on", "proceeded", "succeeded", "came", "reported", "said",
                      "believed", "known", "confirmed", "appears", "appeared", "seems", "seemed"})
# "Bhamo must be retaken", "asked that the road be secured", "want the town to be liberated": a taking in the bare
# infinitive or the subjunctive is asked for, not done ("was reported to be taken" is told as done).
_BARE_BE = Regex(r"(?:\b(?P<before>\w+)\s+to\s+|\b)be\s+(?:\w+ly\s+|also\s+|soon\s+)?$")
# "the first township to fall", "the latest town to be seized": one of a series of takings done.
_ORDINAL = Regex(r"\b(?:first|second|third|latest|last|only|fifth|fourth)\b")


# "will fight on until the town is liberated": a taking in the present after "until" is the aim ("held it until it
# was captured" was done).
_UNTIL_NOW = Regex(r"\buntil\s+[^,;]{0,60}?\b(?:is|are|be)\s+$")


def _intended(low: str, start: int) -> bool:
    """The verb of taking at ``start`` is an aim: an infinitive of purpose, the taking drawn near, or awaited."""
    if "until" in low and _UNTIL_NOW.search(low, max(0, start - 80), start):
        return True
    if (be := _BARE_BE.search(low, max(0, start - 40), start)) and be["before"] not in _DONE_TO:
        return True
    m = _INTENT.search(low, max(0, start - 40), start)
    if m is None or (m["before"] is not None and m["before"] in _DONE_TO):
        return False
    return m["before"] is None or not _ORDINAL.search(low, max(0, m.start() - 30), m.start())


# "RSF says it stormed the army's division in Babanusa; army denies": a storming the other side denies took nothing.
_DENIED_AFTER = Regex(r"[;,]\s+(?:but\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:denies|denied|rejects|rejected|"
                      # "; army says the attack was repelled"
                      r"says\s+(?:the\s+)?(?:attack|assault)\s+(?:was|had\s+been)\s+(?:repelled|repulsed))\b")
# "stormed X but were pushed back", "reports that rebels had taken X were false": a taking the sentence undoes.
_PUSHED_BACK = Regex(r"\b(?:but|before)\s+(?:they\s+|it\s+)?(?:were|was|being|had\s+been)\s+(?:later\s+|quickly\s+|"
                     r"soon\s+)?(?:(?:pushed|driven|beaten|forced|fought)\s+back|repelled|repulsed)\b")
# "posts on social media saying X has fallen are false": what the reports were and where they ran may stand between.
# "Anyone who says X has fallen is wrong": those who tell it, called wrong.
_REPORTS_BEFORE = Regex(r"\b(?:(?:reports?|claims?|rumou?rs?|posts?|messages?|videos?|stories)\s+(?:[\w’'-]+\s+){0,4}?"
                        r"(?:that|of|saying|claiming)|(?:anyone|anybody|those|whoever)\s+(?:who\s+)?(?:says?|said|"
                        r"claims?|claimed))\b")
_FALSE_AFTER = Regex(r"\b(?:were|was|are|is|proved|turned\s+out\s+to\s+be)\s+(?:\w+\s+)?(?:false|untrue|"
                     r"incorrect|fake|baseless|unfounded|wrong|lying|mistaken)\b|"
                     # "Reports that ... have taken parts of X could not be independently verified": no taking told.
                     r"\b(?:could|can)\s+not\s+be\s+(?:independently\s+)?(?:verified|confirmed)\b")


def _undone(low: str, start: int, end: int) -> bool:
    """The sentence takes back the taking at ``start``: the attackers were driven back, or its report was false."""
    return bool(_PUSHED_BACK.search(low, end)) or bool(
        _REPORTS_BEFORE.search(low, max(0, start - 60), start) and _FALSE_AFTER.search(low, end))


_TOLD = Regex(r"\b(?:said|says|told|reported|according|witnesses|sources)\b")


def _taker(actors: Actors, agent: str, before: str) -> Side | None:
    """The side that took a place. Civilians take none: "killed 40 people in X after seizing the town" names its
    taker further back, and a sentence naming several armed sides leaves it unknown. One naming none tells of
    civilians occupying a place ("striking workers occupied the port"): no taking (None)."""
    side = actors.side_of(agent) or "unknown"
    if side != "civilian":
        return side
    armed = actors.sides_in(before) - {"civilian"}
    if len(armed) == 1:
        return armed.pop()
    # "Local people said armed men took X": the civilians told of it; someone they did not name took it.
    return "unknown" if armed or _TOLD.search(agent) else None


def _by_name(agent: str, actors: Actors) -> str | None:
    """The group named as the agent: its registry name, else the capitalised name standing there."""
    known = actors.actor_in(agent)
    if known:
        return known.name
    names = re.findall(r"(?:[A-Z][\w’'-]*\s*(?:\([A-Z]+\))?\s*){2,}|\b[A-Z]{2,6}\b", agent)
    return names[-1].strip() if names else None
