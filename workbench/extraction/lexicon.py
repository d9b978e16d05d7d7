"""Word lists the extraction engine relies on: cue verbs, titles, name particles, source nouns."""

from __future__ import annotations

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col capt sgt adm maj cmdr st jr sr inc corp co
    ltd jan feb mar apr aug sep sept oct nov dec no vs etc rev hon atty supt messrs mt
    ft gov't ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn
    miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo dept univ est approx
    fig op pres sec insp det cpl pvt gens reps sens""".split()
)

# Verbs and phrases that attribute speech or writing. Keys are lower-case word forms.
CUE_VERBS = frozenset(
    """said says say saying told tells tell added adds wrote writes insisted insists argued
    argues warned warns asked asks explained explains noted notes continued continues
    recalled recalls acknowledged acknowledges declared declares stated states remarked
    remarks replied replies responded responds answered answers tweeted tweets posted
    posts announced announces claimed claims complained complains conceded concedes
    confirmed confirms cautioned cautions emphasized emphasizes emphasised stressed
    stresses suggested suggests observed observes predicted predicts promised promises
    pledged pledges vowed vows urged urges joked jokes quipped quips shouted shouts
    yelled yells testified testifies admitted admits agreed agrees countered counters
    retorted retorts lamented laments boasted boasts charged charges contended contends
    maintained maintains mused muses concluded concludes repeated repeats reiterated
    reiterates whispered whispers recounted recounts elaborated interjected assured
    assures alleged alleges asserted asserts affirmed affirms demanded demands wondered
    wonders exclaimed exclaims cried cries snapped snaps sighed sighs laughed laughs
    scoffed scoffs texted emailed e-mailed messaged reported reports disclosed revealed
    reveals conceded objected objects protested protests pleaded pleads begged begs shot
    fired blasted thundered sniffed mocked mocks chimed wrote advised advises informed
    informs reminded reminds announced declared acknowledged predicted estimated
    estimates concurred proclaimed proclaims counseled griped grumbled grumbles murmured
    muttered opined opines volunteered ventured offered offers read reads stated paused
    pressed persisted probed interrupted began went summed put
    fumed fumes implored implores gushed gushes chimed quipped scoffed chanted chants sang
    sings echoed echoes raged rages marveled marvelled marvels bristled bristles seethed
    conceded cracked cracks deadpanned beamed beams hollered boomed booms shrugged
    recited recites relayed relays intoned intones sneered sneers teased teases taunted
    taunts gloated gloats exulted exults groaned groans lamented rasped barked barks
    confided confides pleaded whined whines wailed wails ranted rants raved raves
    summarized summarised summarizes explains cautioned reasoned reasons conceded insisted
    acknowledges clarified clarifies
    begins bemoaned bemoans blared blares chided disagreed fretted frets hinted lectured
    preached reacted reacts rebuked rebutted reckoned retaliated retweeted screamed
    speculated surmised theorized theorised threatened underscored mentioned""".split()
)

# Cue verbs that take a particle: "Farrow chimed in", "he shot back", "she piped up".
CUE_PARTICLES = frozenset("in back up on out".split())

# Participles that attribute to the subject of the main clause: "Marsh attacked Ortega over
# spending in Dover and Kent, saying, “…”" is Marsh speaking, not Kent.
PARTICIPLE_CUES = frozenset(
    """saying telling adding noting arguing warning insisting calling describing writing
    explaining declaring asking answering replying responding suggesting stressing
    claiming predicting promising vowing urging recalling joking quipping tweeting posting
    citing referring praising criticizing criticising accusing dismissing blaming
    mocking labeling labelling branding dubbing likening comparing""".split()
) | frozenset(
    # and the -ing form of every past-tense cue verb: "chided" gives "chiding".
    verb[:-2] + "ing"
    for verb in CUE_VERBS
    if verb.endswith("ed") and len(verb) > 5 and verb not in ("offered", "reported", "charged")
)

# Verbs that introduce a quoted fragment inside the writer's own sentence.
FRAGMENT_VERBS = CUE_VERBS | frozenset(
    """called calls described describes dubbed dubs termed terms labeled labels labelled
    branded brands characterized characterizes characterised denounced denounces praised
    praises hailed hails criticized criticizes criticised condemned condemns accused
    accuses slammed slams decried decries deemed deems referred refers likened likens
    compared promised pledged vowed urged mocked derided derides touted touts blamed
    blames telling saying arguing warning insisting calling describing promising vowing
    claiming noting adding writing declaring predicting
    found finds concluded concludes showed shows determined determines accused
    call describe dub label term brand deem consider considers considered
    admired admires admire dismissed dismisses dismiss lauded lauds laud hail praise slam
    mock mocking deride cited cites cite blasted blasts rip rips ripped knocked knocks
    attacked attacks attacking lambasted lambastes assailed assails panned pans welcomed
    welcomes celebrated celebrates defended defends rejected rejects questioned questions
    ridiculed ridicules scorned derided belittled chided chides faulted faults thanked
    thanks credited credits described hailing praising slamming blasting accusing
    dismissing deriding labeling labelling branding dubbing characterizing characterising
    likening comparing criticizing criticising condemning denouncing decrying welcoming
    pledging promising warning urging vowing insisting predicting blaming
    heralded heralds hailing proposed proposes propose spoke speaks
    believes believed believe thinks thought think hopes hoped fears feared worries
    worried expects expected envisions envisioned""".split()
)

# Nouns that put a person's words in a phrase: "Marsh's claim that there were “…”".
NOUN_CUES = frozenset(
    """claim claims promise promises pledge pledges vow vows call calls warning warnings
    words assertion assertions insistence description descriptions characterization
    accusation accusations charge charges remark remarks comment comments statement
    statements message slogan quip quips boast boasts threat threats demand demands
    argument arguments complaint complaints criticism plea pleas prediction predictions
    assurance assurances admission denial description dismissal praise attack attacks
    line phrase""".split()
)

# Nouns that stand for a document, which can "say" things too.
DOCUMENT_NOUNS = frozenset(
    """report reports statement statements letter letters memo memorandum ruling rulings
    opinion decision indictment complaint filing filings lawsuit suit motion order brief
    affidavit study survey document documents email e-mail emails post tweet message
    announcement release notice analysis audit review assessment proposal bill plan
    transcript minutes petition warrant verdict judgment judgement decree policy
    guidance draft testimony record records""".split()
)

ORGANIZATION_NOUNS = frozenset(
    """ministry department agency company firm campaign committee council party government
    administration office bureau commission board court union association police army
    military navy spokesman embassy group organization organisation coalition alliance
    university school hospital bank corporation court team club league secretariat
    institute foundation center centre service network parliament congress senate house
    legislature cabinet assembly prosecutors prosecution defense defence authority
    authorities regulator regulators utility operator contractor county city state
    district directorate inspectorate tribunal caucus
    consortium cooperative league systems holdings partners inc. inc corp. llc plc gmbh
    industries group groups firm trust fund federation chamber society railways airlines motors
    mining energy oil gas power airways bank capital solutions technologies tech pharmaceuticals
    pharma foods media logistics construction insurance shipping steel labs laboratories ventures
    enterprises properties realty rail transit utilities electric petroleum chemicals software
    telecom communications
    engineering consulting associates builders contractors services""".split()
)

# Heads of descriptions that name people without naming them.
PERSON_NOUNS = frozenset(
    """official officials source sources person people aide aides adviser advisers advisor
    advisors diplomat diplomats insider insiders staffer staffers employee employees
    member members spokesman spokeswoman spokesperson spokespeople representative
    representatives minister ministers secretary senator senators governor mayor
    president chairman chairwoman chair director executive executives officer officers
    lawmaker lawmakers legislator legislators analyst analysts expert experts economist
    economists witness witnesses resident residents voter voters worker workers critic
    critics supporter supporters opponent opponents activist activists leader leaders
    negotiator negotiators investigator investigators prosecutor prosecutors attorney
    attorneys lawyer lawyers judge justice commissioner engineer engineers scientist
    scientists researcher researchers doctor doctors nurse nurses teacher teachers
    student students parent parents candidate candidates strategist strategists
    consultant consultants manager managers owner owners founder ambassador envoy
    general colonel commander officer sheriff chief democrat democrats republican
    republicans conservative conservatives liberal liberals progressive progressives
    moderate moderates councillor councilor councilman councilwoman alderman deputy
    deputies administrator administrators inspector auditor auditors regulator
    regulators trustee trustees director-general woman man women men farmer farmers
    veteran veterans protester protesters demonstrator demonstrators organizer
    organizers observer observers insider planner planners donor donors lobbyist
    lobbyists pollster pollsters historian historians professor professors economist ceo
    cfo chancellor premier envoy speaker clerk whip host anchor correspondent reporter
    reporters journalist journalists editor editors columnist columnists
    others backers""".split()
)

ANONYMOUS_MARKERS = (
    "anonymity",
    "anonymous",
    "unnamed",
    "unidentified",
    "not authorized",
    "not authorised",
    "declined to be named",
    "declined to be identified",
    "asked not to be named",
    "asked not to be identified",
    "familiar with",
    "close to",
    "briefed on",
    "with knowledge of",
    "knowledgeable about",
    "who spoke to",
    "who spoke with",
    "who requested",
    "requested anonymity",
    "insisted on anonymity",
    "on background",
    "not named",
    "involved in",
    "aware of",
)

# Heads that, without a name, always mean an unnamed source.
ANONYMOUS_HEADS = frozenset(
    """official officials source sources person people aide aides adviser advisers advisor
    advisors diplomat diplomats insider insiders staffer staffers employee employees
    member members
    others critics backers""".split()
)

MEDIA_WORDS = frozenset(
    """times post news journal tribune herald gazette radio tv television press dispatch
    ledger courier sentinel chronicle daily magazine review observer guardian telegraph
    register star globe bulletin reuters ap bloomberg cnn nbc abc cbs fox npr bbc
    politico axios wire examiner inquirer enquirer mercury record standard monitor
    weekly broadcasting broadcaster channel network newspaper newsletter digest citizen
    beacon argus courant leader mirror sun express independent economist atlantic
    newsweek time vox insider hill intercept agency afp dpa yonhap kyodo xinhua tass""".split()
)

TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sen senator rep representative gov governor lt
    lieutenant gen general col colonel capt captain sgt sergeant adm admiral maj major
    cmdr commander president vice secretary minister premier chancellor mayor judge
    justice chief attorney atty speaker leader ambassador rev reverend father sister
    brother bishop rabbi imam sheikh king queen prince princess commissioner
    superintendent supt sheriff officer detective inspector coach councilman
    councilwoman councillor councilor alderman assemblyman assemblywoman delegate deputy
    director chairman chairwoman chair pastor sir dame lord lady sgt. cpl corporal pvt
    private det insp chancellor magistrate prosecutor dean provost principal
    leader whip""".split()
)

# Words that may be capitalised at the start of a title phrase but are not names.
TITLE_MODIFIERS = frozenset(
    """former acting interim deputy assistant associate vice senior junior chief foreign
    prime state federal district circuit supreme county city house senate majority
    minority lt. attorney solicitor inspector surgeon secretary general first lady
    senate house majority minority press""".split()
)

NAME_PARTICLES = frozenset(
    """van von der den de la le du da di dos das del della bin ibn al el ter ten y st. mac""".split()
)

NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd md".split())

PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "n",
    "i": "self",
    "we": "p",
}

# Capitalised words that begin sentences or name things but are never a speaker's name.
NOT_NAMES = frozenset(
    """the a an and but or so yet for nor if then when while after before because although
    though as at by in on of to from with without into onto over under about against
    between among during since until this that these those there here it its it's he she
    they we i you his her their our my your monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december today yesterday tomorrow last next earlier later still also even
    asked meanwhile however instead according speaking writing in-person within despite
    amid across through throughout toward towards upon beyond inside outside near unlike
    like following ahead outside once only not no yes every each all both neither either
    mr mrs ms dr
    others""".split()
)

FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela
    helen anna brenda pamela nicole emma samantha katherine christine debra rachel
    catherine carolyn janet ruth maria heather diane virginia julie joyce victoria
    olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
    jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris
    abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie
    diana brittany natalie isabella charlotte rose alexis kayla nora elena ingrid fatima
    aisha amara priya mei yuki sofia lucia ana carmen rosa ines greta hilde astrid freya
    leila nadia zara tulsi kamala hillary nikki marjorie elise liz nancy alexandria
    ilhan rashida ayanna kirsten tammy tina amy kristi kari gretchen janet letitia maura
    kathy""".split()
)

MALE_NAMES = frozenset(
    """james robert john michael david william richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
    raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
    kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
    carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert
    willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
    philip louis hans pieter jan lars omar ahmed mohammed muhammad ali hassan ivan
    dmitri sergei vladimir hiroshi kenji marco luca giovanni pierre jean-luc klaus
    bernie mitch chuck ted rand mitt barack hunter kevin jim ron gavin greg marco vivek
    tim jd josh rick kash pete""".split()
)
