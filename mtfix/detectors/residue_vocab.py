"""The vocabulary of web pages, as scrapers keep it and MT translates it.

Labels of related-link boxes, the chrome of common CMS themes (WordPress,
Jannah, Newspaper, Prisma's Zapping box), comment forms, login and paywall
widgets, scraper footers and credits, in English and in the forms MT gives the
French ones ("To read also", "I log", "Find this article on", "Save my name...
in this navigator"). Each pattern is matched against a *whole* line (after
:func:`mtfix.detectors.residue_shape.norm`), so a sentence that merely uses one
of these words is never matched; the cues at the end are counted instead,
for widgets whose wording varies.
"""
from __future__ import annotations

import re

from mtfix.model import Tier

#: Labels of related-link boxes, alone on their line (after _norm).
RELATED_LABEL = re.compile(r"""(?ix)
    (?:to\s+)?(?:read|see|view|watch|discover|listen|hear)(?:\s+(?:also|too|more|again|next))?(?:\s+on\s+[^.!?]{1,30})?
  | also\s+(?:read|see|watch|discover|listen|on\s+\w+)
  | you\s+(?:may|might|could|will|should)\s+(?:also\s+)?(?:like|enjoy|love|read|be\s+interested(?:\s+in)?)
  | (?:(?:our|the)\s+)?(?:latest|last|recent|related|similar|other|more|most\s+read|most\s+popular|popular|top|further)
    \s+(?:(?:local|national|international|regional|sports?|economic|political|breaking)\s+)?
    (?:news|articles?|posts?|stories|topics?|videos?|reading|content|links?|comments)(?:\s+(?:on|about|from|in)\b.{0,30})?
  | related | recommended(?:\s+for\s+you)? | (?:do\s+not|don'?t|not\s+to)\s+miss
  | on\s+the\s+same\s+(?:subject|topic|theme) | in\s+the\s+same\s+(?:section|category|rubric|file)
  | (?:lire|voir)\s+(?:aussi|également)
  | more\s+from\s+(?:the\s+)?\w+(?:\s+\w+)? | (?:from|by)\s+the\s+same\s+author
  | worth\s+(?:reading|seeing|watching)(?:\s+(?:too|also|as\s+well))?
  | all\s+(?:the\s+|our\s+)?(?:news|articles|videos|stories|info|information)(?:\s+(?:on|about|from|of|in)\b.{0,30})?
  | (?:the\s+)?(?:editorial\s+(?:staff|team)|editors?|newsroom)\s+(?:recommends?|advises|suggests|selection)
  | (?:the\s+)?most\s+(?:read|viewed|popular|shared|commented)(?:\s+(?:articles|stories|news))? | also\s+in\s+the\s+news
  | our\s+(?:file|dossier|special\s+report|coverage|selection)(?:\s+(?:on|about)\s+[^.!?]{1,40})?
  | (?:see|watch|view)\s+(?:the\s+)?(?:video|videos|photos|slideshow|gallery|replay)
  | (?:previous|next|prev)(?:\s+(?:article|post|story|page))?
  | (?:also\s+)?to\s+(?:read|see|discover|watch)(?:\s+(?:also|too|as\s+well))? | (?:read|see)\s+as\s+well
  | (?:keep|continue)\s+reading | further\s+reading | (?:read|watch|up)\s+next | what\s+to\s+read\s+next
  | (?:suggested|recommended|related|featured)\s+(?:articles?|posts?|stories|reading|content|links?|news)
  | (?:editor'?s?|our)\s+(?:picks?|choice|selection) | must\s+reads? | latest\s+from\s+\w+(?:\s+\w+)?
  | (?:more\s+)?(?:on|about)\s+(?:the\s+same|this)\s+(?:subject|topic|theme|issue)
  | to\s+go\s+further | (?:to\s+)?(?:learn|find\s+out|know)\s+more(?:\s+about\s+it)?
  | in\s+the\s+same\s+(?:theme|topic|subject|vein)
  | (?:lire|voir)\s+(?:la\s+suite|plus) | (?:à|a)\s+lire\s+(?:aussi|également) | sur\s+le\s+même\s+sujet
  | (?:this|these|that|it|they)?\s*(?:(?:may|might|could|should|will|would)\s+(?:also\s+)?|(?:is|are)\s+(?:also\s+)?likely\s+to\s+|also\s+)?interest\s+you
  | (?:also\s+)?likely\s+to\s+interest\s+you | (?:you\s+)?(?:may|might)\s+also\s+(?:like|be\s+interested(?:\s+in)?)
  | (?:read\s+|learn\s+|find\s+out\s+)?more\s+(?:on|about)\s+(?:the|this|that)\s+(?:subject|topic|theme|issue|story|case)
  | (?:(?:our|the)\s+)?(?:other\s+)?(?:articles?|stories|news|coverage|reports)\s+(?:on|about)\s+(?:the\s+same|the|this)\s+(?:subject|topic|theme|issue)
""")

#: What follows ``Photo:`` or ``Credit:``: names, agencies and their small words, never
#: a phrase of lower-case words (``Credit: rates rise again`` is a crosshead).
_NAME_WORD = r"(?:[A-ZÀ-Ý©(\d][\w'’.&()/-]*|via|for|and|de|du|des|la|le|les|von|van|pool|archives?|capture|screenshot|by" \
             r"|with|courtesy|of|[/&,–-])"
CREDIT_NAMES = r"(?-i:" + _NAME_WORD + r"(?:[\s,]+" + _NAME_WORD + r"){0,10})"

#: CMS chrome, comment forms, paywalls and widgets: the whole line (after _norm).
_CHROME = [
    # dates and bylines of the page header
    (r"(?:published|updated|modified|posted|last\s+updated|reading\s+time|read\s+time)", "page header"),
    (r"(?:reading\s+time|read\s+time|reading)\s*:?\s*\d+\s*(?:min(?:ute)?s?|mn)\.?(?:\s+read)?", "page header"),
    (r"\d+\s*(?:min(?:ute)?s?|mn)\.?\s+(?:read|reading)", "page header"),
    (r"skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|menu)|post\s+navigation|back\s+to\s+top"
     r"|(?:live|video|videos|exclusive|breaking(?:\s+news)?|update|infographic|photos|direct|replay|podcast|premium)",
     "page chrome"),
    (r"menu|open\s+menu|close(?:\s+menu)?|search|toggle\s+navigation|trending(?:\s+now)?|add\s+to\s+(?:your|my)"
     r"\s+(?:selections?|favou?rites|list|reading\s+list)|reuse\s+this\s+content|(?:write|contact)\s+(?:to\s+)?(?:the\s+)?"
     r"(?:editorial\s+(?:staff|team|office)|newsroom|editors?|author)", "page chrome"),
    (r"(?:the\s+)?(?:article|content|text|rest\s+of\s+the\s+article)\s+continues\s+(?:below|after\s+(?:the|this)\s+"
     r"(?:ad|advertisement|advertising))\.?", "advertising"),
    (r"we\s+use\s+cookies\b.{0,300}|accept\s+(?:all\s+)?cookies|manage\s+(?:my|your)\s+(?:choices|preferences|cookies)",
     "cookie banner"),
    (r"was\s+this\s+article\s+(?:useful|helpful|interesting)\b.{0,300}|did\s+you\s+(?:like|enjoy)\s+this\s+"
     r"(?:article|story)\b.{0,200}|follow\s+all\s+(?:the\s+)?news\s+of\b.{0,200}", "page chrome"),
    (r"(?:article\s+)?(?:ad|ads|advertisement|advertising|sponsored(?:\s+content)?|publicity|pub)(?:\s+box)?"
     r"(?:\s*[-–:]?\s*(?:continue\s+reading(?:\s+below)?|scroll\s+to\s+continue(?:\s+with\s+content)?))?",
     "advertising"),
    (r"scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:with\s+content|reading))?", "advertising"),
    (r"listen(?:\s+to\s+(?:this|the)\s+(?:article|story))?(?:\s*[-–:]?\s*\d+\s*min(?:utes?)?)?", "audio widget"),
    (r"(?:about\s+(?:the\s+)?author)(?:\s*:\s*.{1,40})?", "author box"),
    (r"(?:article\s+)?(?:written|posted|published)\s+by\s*:?\s*" + CREDIT_NAMES + "?", "byline"),
    (r"(?:join|follow)\s+us\s+on\s+[^.!?]{1,30}", "sharing widget"),
    (r"(?:(?:privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|legal\s+(?:notices?|mentions)|cookie\s+"
     r"(?:policy|settings|preferences|management)|contact(?:\s+us)?|about(?:\s+us)?|advertise(?:\s+with\s+us)?|sitemap"
     r"|personal\s+data|cgu|cgv)\s*[|•·,/-]?\s*){1,8}", "legal links"),
    (r"[\d.,\s]+(?:total\s+)?(?:views?|reads?|shares?)|(?:total\s+|post\s+)?(?:views?|shares?)\s*:\s*[\d.,\s]+", "counter"),
    (r"(?:one|\d+)\s+bloggers?\s+likes?\s+this\.?|be\s+the\s+first\s+to\s+like\s+this\.?"
     r"|like\s+loading[.…]*|loading[.…]*|like\s+this\s*:?", "like widget"),
    # sharing and tags
    (r"(?:click\s+to\s+)?(?:share|print|e-?mail)\s+(?:on|by|to|via)\s+\w+(?:\s*\((?:opens|open)\s+in\s+(?:a\s+)?new\s+window\))?",
     "sharing widget"),
    (r"(?:share|shares|share\s+this(?:\s+article|\s+post|\s+story)?|share\s+on\s+\w+|spread\s+the\s+love"
     r"|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|pinterest|telegram|reddit"
     r"|messenger|flipboard|copy\s+(?:the\s+)?link|google\s+news|follow\s+us(?:\s+on\s+.{1,30})?)", "sharing widget"),
    (r"(?:post\s+)?(?:tags?|topics?|categories|category|filed\s+under|posted\s+in|keywords?)(?:\s*:\s*(?:[^,|;•.!?]{1,40}(?:\s*[,|;•/]\s*[^,|;•.!?]{1,40}){0,30})?\.?)?", "tag list"),
    (r"#\w[\w-]*(?:[\s,]+#\w[\w-]*)*", "tag list"),
    # comment forms
    (r"leave\s+(?:a|your)\s+(?:reply|comment|response)(?:\s+cancel\s+reply)?|cancel\s+reply"
     r"|(?:post|add|write|submit)\s+(?:a\s+|your\s+)?comments?|\d+\s+comments?|no\s+comments?(?:\s+yet)?"
     r"|comments?(?:\s+are)?\s+closed\.?|be\s+the\s+first\s+to\s+comment\.?|comments?\s*\*?|name\s*\*|e-?mail\s*\*"
     r"|website|reply|δ|comments?\s*\(\d+\)|reactions?|your\s+comment|react\s+to\s+this\s+article"
     r"|(?:first\s+|last\s+)?name|e-?mail|pseudo|nickname|message|comment\s+on\s+this\s+(?:article|story)"
     r"|\d+\s+reactions?", "comment form"),
    (r"your\s+e-?mail(?:\s+address)?\s+will\s+not\s+be\s+published\.?(?:\s+required\s+fields\s+are\s+marked\s*\*?)?"
     r"|required\s+fields\s+are\s+marked\s*\*?\.?", "comment form"),
    (r"notify\s+me\s+of\s+(?:follow-up\s+comments|new\s+(?:posts|comments)).{0,60}"
     r"|this\s+site\s+uses\s+akismet\s+to\s+reduce\s+spam\..{0,80}"
     r"|you\s+must\s+be\s+(?:logged\s+in|connected|registered)\s+to\s+(?:post\s+a\s+)?comment\.?"
     r"|(?:log\s*in|sign\s+in|connect)\s+to\s+(?:leave\s+a\s+|post\s+a\s+|add\s+a\s+)?(?:reply|comment)\.?"
     r"|.{0,40}powered\s+by\s+disqus.{0,20}|join\s+the\s+(?:discussion|conversation|debate)", "comment form"),
    (r"[^.!?]{0,40}\b(?:save|register|record|remember|keep|store)\b.{0,30}\bname\b.{0,80}\b(?:browser|navigator)\b.{0,60}"
     r"|.{0,80}\bakismet\b.{0,120}"
     r"|.{0,20}your\s+(?:e-?mail(?:\s+address)?|address\s+e-?mail)\s+will\s+(?:not|never)\s+be\s+"
     r"(?:published|displayed|made\s+public|shared).{0,80}"
     r"|(?:the\s+)?required\s+fields\s+are\s+(?:marked|indicated|flagged|identified).{0,20}"
     r"|(?:notify|notice|inform|warn|alert|prevent)\s+me\b.{0,80}\b(?:comments?|posts?|articles?|replies)\b.{0,20}"
     r"|you\s+must\s+(?:be\s+)?(?:logged\s+in|log\s+in|connected|login|registered|connect)\s+to\s+"
     r"(?:post|leave|publish|write|add|give)\s+(?:a\s+|your\s+)?(?:comment|opinion|reply).{0,10}"
     r"|(?:please\s+)?(?:enter|put|type|fill\s+in|give)\s+your\s+(?:comment|name|e-?mail|first\s+name|pseudo)"
     r"(?:\s+(?:here|address))?\s*[!.]?"
     r"|(?:post|publish|send|submit|validate)\s+(?:the\s+|my\s+|your\s+)?(?:comment|reply|message)", "comment form"),
    # login and paywall
    (r"you\s+(?:still\s+)?have\s+(?:\d+\s*%|\d+\s+words?)\s+(?:of\s+this\s+article\s+)?(?:left\s+)?to\s+"
     r"(?:read|discover).{0,80}|\d+\s*%\s+(?:remains?|left|remaining)\s+to\s+(?:be\s+)?(?:discover(?:ed)?|read).{0,40}"
     r"|(?:discover|see|view)\s+(?:all\s+)?(?:our|the)\s+offers?|(?:the\s+)?(?:rest|remainder|continuation)\s+of\s+"
     r"(?:this|the)\s+article\s+is\s+(?:reserved\s+)?for\s+(?:our\s+)?subscribers(?:\s+only)?\.?"
     r"|(?:premium|subscribers?\s+only|exclusive\s+subscribers?|for\s+subscribers(?:\s+only)?)", "paywall"),
    (r"(?:i\s+|to\s+)?(?:log|log\s*in|login|sign\s+in|sign\s+up|register|connect|connection|subscribe|my\s+account"
     r"|create\s+(?:an|my|your)\s+account|logout|log\s+out)", "login widget"),
    (r"enter\s+your\s+(?:e-?mail|email\s+address|password|login|username|name)(?:\s+address)?\s*\.?", "login widget"),
    (r"(?:already\s+(?:a\s+)?subscriber|already\s+subscribed|not\s+(?:yet\s+)?(?:a\s+)?subscriber|forgot(?:ten)?"
     r"\s+(?:your\s+|my\s+)?password)\s*\??(?:\s*(?:log\s*in|sign\s+in|subscribe)\.?)?", "login widget"),
    (r"(?:subscribe|sign\s+up|register)(?:\s+(?:now|today|here|for\s+free|free))?(?:\s+(?:to|for)\s+(?:our|the|my)"
     r"\s+(?:free\s+)?(?:newsletters?|site|offers?|alerts?))?(?:\s+(?:for|from)\s+(?:only\s+)?[€$£]?\s*\d[^.!?:]{0,30}"
     r"|\s*:\s*(?:only\s+)?[€$£]?\s*\d[^.!?:]{0,30})?",
     "subscription offer", Tier.SUGGESTED),
    (r"(?:this\s+|the\s+)?(?:article|content|rest\s+of\s+(?:this|the)\s+article)\s+is\s+reserved\s+for"
     r"\s+(?:our\s+)?subscribers\.?|[^.!?]{1,40}\s+reserves\s+(?:this|the|its)\s+(?:article|content)s?\s+(?:for|to)"
     r"\s+(?:its|our|his|her)\s+subscribers\.?", "paywall"),
    (r"(?:to\s+)?continue\s+reading[^.!?]{0,60}\.?", "paywall"),
    (r"(?:(?:only|just|then|from|for(?:\s+only)?)\s+(?P<p1>{P})(?:\s*{M})?|(?P<p2>{P})\s*{M})[^.!?:]{{0,40}}"
     .format(P=r"(?:[€$£]\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*(?:€|\$|£))",
             M=r"(?:per|a|/|the|for\s+the\s+first)\s*(?:month|year|week)s?\b"), "paywall", Tier.SUGGESTED),
    (r"(?:the\s+|our\s+)?newsletters?|(?:receive|get)\s+(?:our|the)\s+newsletter.{0,40}", "newsletter widget"),
    (r"(?=.{0,160}$)(?=.*\bnewsletters?\b)(?=.*\b(?:subscribe|sign\s+up|register|receive)\b)(?!.*\b(?:said|says|told)\b).*",
     "newsletter widget"),
    (r"(?:cancel(?:l?able)?|terminable)\s+(?:at\s+)?any\s*time\.?|(?:without|no)\s+commitment\.?", "paywall"),
    (r"(?:receive|get)\s+[^.!?]{0,40}\b(?:news|newsletter|alerts?|essentials?)\b[^.!?]{0,40}", "newsletter widget",
     Tier.SUGGESTED),
    # scraper footers and editorial notes
    (r"source\s*:?\s*(?:link|site[-\s]?\d*|url)", "scraper footer"),
    (r"(?:original\s+article|originally\s+published)(?:\s+(?:published|posted|appeared))?"
     r"(?:\s+(?:on|in|at|by|from)\b(?:[^.!?,\s]|\.(?=\w)|\s){0,60})?\s*\.?", "scraper footer"),
    (r"(?:read|see|view)\s+(?:more|the\s+(?:(?:full|original|complete|whole)\s+)?(?:article|story|rest\s+of\s+the"
     r"\s+article))(?:\s+(?:at|on|in)\s+[^.!?]{1,40})?\.?", "scraper footer"),
    (r"the\s+(?:post|entry)\s+.{1,200}\s+(?:appeared\s+first|first\s+appeared)\s+on\s+[^.!?]{1,60}\.?",
     "scraper footer"),
    (r"disclaimer\s*:.{0,300}|this\s+(?:article|text|content|story)\s+(?:was|has\s+been|is)\s+(?:automatically\s+|"
     r"machine[-\s])?translated\b.{0,120}", "editorial note"),
    (r"find\s+(?:this|the)\s+(?:article|story)\s+on\b.{0,120}", "scraper footer"),
    (r"this\s+(?:article|story)\s+(?:was\s+)?(?:originally|first)\s+(?:published|appeared)\s+(?:on|in)\b[^.!?]{1,60}\.?",
     "scraper footer"),
    (r"the\s+following\s+is\s+(?:a|an)\s+(?:machine|automatic)(?:-|\s+)translat(?:ion|ed\s+text)\.?", "editorial note"),
    (r"all\s+rights\s+reserved\.?|©.{0,60}|\(c\)\s.{0,60}|copyright\s*(?:©|\(c\)|\d{4}).{0,60}", "copyright line"),
    # video players
    (r"(?:play|pause|mute|unmute|full\s*screen|exit\s+full\s*screen)(?:\s+(?:the\s+)?video)?|\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}"
     r"|(?:duration|length)\s*:\s*\d{1,2}:\d{2}|(?:the\s+)?video\s+(?:player\s+)?(?:is\s+)?loading[.…]*"
     r"|watch(?:ing)?\s+on\s+[^.!?]{1,30}\s+live", "video player"),
    (r"(?!(?:19|20)\d\d$)\d{1,6}", "counter", Tier.SUGGESTED),  # "12" (comments) but not "2024", a timeline's crosshead
    # images: file names, slideshow counters and buttons (alt texts a scraper kept)
    (r"[\w.%()-]{1,80}\.(?:jpe?g|png|gif|webp|avif)|(?:image|photo|picture|slide)\s+\d+\s*(?:of|/|on)\s*\d+"
     r"|(?:enlarge|zoom|expand)(?:\s+(?:this\s+|the\s+)?(?:image|photo|picture))?|open\s+(?:the\s+)?(?:gallery|slideshow)"
     r"|(?:photo\s+)?gallery|slideshow", "image widget"),
    # generic web furniture in the forms of other CMS themes and of MT (issue #12 §2)
    (r"(?:send|share|forward)\s+(?:this\s+(?:article|story|page)\s+)?(?:(?:by|via|on)\s+(?:e-?mail|sms|facebook|twitter|x"
     r"|linkedin|whatsapp|telegram|pinterest|reddit|messenger|flipboard|bluesky|threads|mastodon|social\s+(?:networks|media))"
     r"|to\s+a\s+friend)|(?:to\s+)?(?:share|print|comment|react)(?:\s+(?:this|the)\s+(?:article|story|page))?"
     r"|share\s+on\s+(?:social\s+(?:networks|media))|print\s+(?:this\s+)?(?:article|page|story)"
     r"|save\s+(?:this\s+(?:article|story)|for\s+later)|bookmark(?:\s+this\s+(?:article|page))?"
     r"|(?:font|text)\s+size|a\+\s*a-|a-\s*a\+", "sharing widget"),
    (r"(?:see|view|show|read|hide|load|display)\s+(?:all\s+)?(?:the\s+)?(?:\d+\s+)?(?:comments?|reactions?)"
     r"|(?:comments?|reactions?)\s*[(\[]\s*\d+\s*[)\]]|(?:\d+|no)\s+(?:responses?|replies)"
     r"|(?:one|\d+)\s+thoughts?\s+on\b.{1,160}|(?:the\s+)?comments?\s+(?:section|area)", "comment form"),
    (r"(?:join|follow)\s+(?:us|our\s+\w+(?:\s+\w+)?)\s+on\s+[^.!?]{1,40}|join\s+our\s+[^.!?]{0,40}"
     r"(?:channel|group|community|newsletter)|subscribe\s+to\s+our\s+[^.!?]{0,30}(?:channel|page|account|feed)"
     r"|download\s+(?:the|our)\s+[^.!?]{0,40}\b(?:app|application)\b[^.!?]{0,40}"
     r"|(?:find|follow)\s+us\s+(?:also\s+)?on\s+[^.!?]{1,40}|stay\s+(?:informed|connected|tuned)(?:\s+with\s+[^.!?]{1,30})?",
     "sharing widget"),
    (r"(?:sign\s+in|log\s*in|login|connect)\s*[|/]\s*(?:register|sign\s+up|subscribe|create\s+an\s+account)"
     r"|(?:already\s+have|don'?t\s+have|do\s+not\s+have)\s+an\s+account\s*\??(?:\s*(?:log\s*in|sign\s+(?:in|up)"
     r"|register|create\s+(?:one|an\s+account))\.?)?|(?:unlock|access)\s+(?:this|the|all)\s+(?:article|content)s?"
     r"(?:\s+(?:for|from)\s+[^.!?]{1,30})?|(?:premium|subscriber|subscribers'?)\s+(?:article|content|only)"
     r"|reserved\s+for\s+(?:our\s+)?(?:subscribers|members)\.?|(?:become|be)\s+a\s+(?:subscriber|member)\b[^.!?]{0,30}",
     "paywall"),
    (r"(?:the\s+)?(?:story|article|text|reading|content)\s+continues\s+(?:below(?:\s+(?:the\s+)?(?:ad|advertisement|advertising))?|after(?:\s+(?:the|this))?\s+"
     r"(?:ad|advertisement|advertising|video))\.?|(?:advertisement|advertising|ad)\s*[-–:]\s*(?:scroll|continue|read)\b"
     r"[^.!?]{0,40}|publicité|annonce|sponsored\s+by\s+[^.!?]{1,30}|(?:paid|partner)\s+(?:content|post)", "advertising"),
    (r"(?:by\s+)?(?:the\s+)?(?:editorial\s+(?:staff|team|board|office)|newsroom|editors?|writing|redaction)"
     r"(?:\s+(?:of\s+)?(?-i:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}))?(?:\s+(?:with|and|&)\s+(?:AFP|AP|Reuters|agencies))?"
     r"|(?:with|and|by|source)\s*:?\s*(?:AFP|AP|Reuters|REUTERS|agencies|the\s+agencies|ANSA|EPA|Belga)"
     r"(?:\s*(?:and|,|&)\s*(?:AFP|AP|Reuters|agencies))?", "byline", Tier.SUGGESTED),
    (r"sources?\s*:\s*[^.!?]{1,60}", "source line", Tier.SUGGESTED),
    (r"(?:all\s+)?(?:reproduction|rights\s+of\s+reproduction)\s+(?:prohibited|forbidden|reserved)\b[^!?]{0,80}"
     r"|(?:any|all|total\s+or\s+partial)\s+reproduction\b[^!?]{0,80}\b(?:prohibited|forbidden)\b[^!?]{0,40}",
     "copyright line"),
    (r"(?:automatically\s+|machine[-\s]|google[-\s])?translated\s+(?:from\s+(?:the\s+)?french\b[^.!?]{0,40}"
     r"|by\s+(?:google|deepl|machine|our\s+\w+)\b[^.!?]{0,30}|with\s+(?:google|deepl)\b[^.!?]{0,30})\.?"
     , "editorial note"),
    (r"you\s+are\s+here\s*:.{0,200}|(?:go|jump|skip)\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|article|navigation|menu"
     r"|footer|comments)|(?:main\s+)?(?:menu|navigation)|(?:home|accueil)(?:\s*/\s*[^/.!?]{1,40}){1,6}"
     r"|(?:home|accueil)", "page chrome", Tier.SUGGESTED),
    (r"(?:view|see)\s+this\s+post\s+on\s+\w+|a\s+post\s+shared\s+by\b.{1,80}|pic\.twitter\.com/\S+"
     r"|(?:watch|view)\s+(?:it\s+)?on\s+(?:youtube|twitter|x|instagram|facebook|tiktok|dailymotion)"
     r"|this\s+(?:content|video|post|tweet)\s+(?:is|was)\s+(?:not\s+available|unavailable|blocked)\b.{0,120}"
     r"|(?:to\s+)?(?:accept|allow|enable)\s+(?:the\s+)?(?:cookies|third-party\s+content)\b.{0,160}", "embedded post"),
    (r"(?:give|leave|share)\s+your\s+(?:opinion|reaction|thoughts|view|review)|(?:report|flag|signal|point\s+out)\s+"
     r"(?:an?\s+)?(?:error|mistake|abuse|typo|inappropriate\s+content)|(?:report|flag)\s+this\s+(?:comment|content)"
     r"|reply\s+to\s+this\s+comment|(?:show|load|see|view)\s+more(?:\s+(?:articles|news|stories|posts|comments))?"
     r"|i\s+(?:already\s+)?have\s+an\s+account\b.{0,30}|follow\s+(?:the|this)\s+(?:author|journalist)"
     r"|(?:enable|activate|turn\s+on|receive|allow)\s+(?:the\s+)?(?:push\s+|browser\s+)?notifications?\b.{0,80}"
     r"|(?:do\s+you\s+)?want\s+to\s+receive\s+(?:our\s+)?notifications\b.{0,80}", "page chrome"),
    (r"(?:this|our)\s+(?:site|website)\s+uses\s+cookies\b.{0,300}|by\s+continuing\s+(?:to\s+)?(?:browse|navigate"
     r"|your\s+(?:navigation|browsing)|on\s+this\s+site).{0,300}\bcookies\b.{0,200}", "cookie banner"),
    (r"in\s+partnership\s+with\s+[^.!?]{1,40}", "advertising", Tier.SUGGESTED),
    (r"(?:this\s+)?article\s+(?:was\s+|is\s+)?(?:published|written|posted)\s+(?:more\s+than|over)\s+\w+\s+\w+\s+ago\.?"
     r"|this\s+(?:article|story|content)\s+is\s+(?:more\s+than|over)\s+\w+\s+\w+\s+old\.?"
     r"|(?:did\s+you\s+(?:find|notice|spot|see)|you\s+(?:noticed|found|spotted|saw)|have\s+you\s+(?:noticed|found|spotted))"
     r"\s+an?\s+(?:error|mistake|typo)\b.{0,100}"
     r"|support\s+(?:us|our\s+(?:work|journalism|newsroom|journalists)|independent\s+(?:journalism|media|press|information))"
     r"\b.{0,100}|make\s+a\s+donation\b.{0,60}|donate(?:\s+now)?"
     r"|find\s+all\s+(?:the\s+|our\s+)?(?:news|information|articles|videos)\b.{0,100}"
     r"|(?:every|each)\s+(?:day|morning|evening|week),?\s+(?:receive|get)\b.{0,40}\b(?:news|newsletter|essentials?|best"
     r"|selection|headlines)\b.{0,80}", "page chrome"),
    (r"your\s+browser\s+(?:does\s+not|doesn'?t|cannot|can'?t)\s+(?:support|play|display)\b.{0,120}"
     r"|(?:please\s+)?(?:enable|activate)\s+javascript\b.{0,120}|javascript\s+is\s+(?:disabled|required|deactivated)\b.{0,120}",
     "video player"),
    (r"the\s+(?:opinions|views)\s+expressed\s+(?:in\s+this\s+(?:article|column|text)\s+)?(?:are|do\s+not|engage)\b.{0,200}",
     "editorial note"),
    (r"(?:subscribe|subscription)\s+to\s+(?-i:(?=[A-ZÀ-Ý]))[^.!?]{1,40}", "subscription offer", Tier.SUGGESTED),
    (r"(?:author|editor|edited\s+by|reporter|journalist|writer|text)\s*:\s*" + CREDIT_NAMES
     + r"|(?-i:[A-ZÀ-Ý][\w'’.-]*(?:\s+[A-ZÀ-Ý][\w'’.-]*){0,2})\s+(?:with|and|&)\s+(?:AFP|AP|Reuters|agencies)",
     "byline", Tier.SUGGESTED),
    (r"listen\s+to\s+(?:this|the)\s+(?:article|story)\s*\(\s*\d+\s*(?:min(?:ute)?s?|mn)\.?\s*\)", "audio widget"),
    (r"log\s*in\s+to\s+(?:read|continue|access)\b[^.!?]{0,40}"
     r"|already\s+registered\s*\??(?:\s*(?:log\s*in|sign\s+in)\.?)?"
     r"|my\s+(?:space|favou?rites|selection|alerts|newsletters|subscriptions?|profile)", "login widget"),
    (r"follow\s+this\s+(?:topic|subject|author|story)|create\s+an?\s+alert|top\s+of\s+(?:the\s+)?page"
     r"|back\s+to\s+(?:the\s+)?(?:home(?:\s*page)?|homepage|top|articles?|news)|news\s+feed|in\s+pictures"
     r"|in\s+(?:video|images)|click\s+here(?:\s+to\s+[^.!?]{1,60})?\.?", "page chrome", Tier.SUGGESTED),
    (r"(?:advertising|ad|advertisement|publicity)\s+(?:space|slot|banner|insert)|sponsored\s+links?", "advertising"),
    (r"(?:tagged(?:\s+with)?|in\s+this\s+article|mentioned\s+in\s+this\s+article|(?:associated|related)\s+"
     r"(?:tags|topics|keywords))(?:\s*:\s*(?:[^,|;•.!?]{1,40}(?:\s*[,|;•/]\s*[^,|;•.!?]{1,40}){0,30})?\.?)?", "tag list"),
    (r"the\s+(?:post|entry)\s+(?:appeared\s+first|first\s+appeared)\s+on(?:\s+[^.!?]{1,60})?\.?", "scraper footer"),
    (r"screenshot|screen\s*(?:capture|shot)|capture(?:\s+d[’']écran|\s+(?:twitter|youtube|x|instagram|facebook|video|tv"
     r"|(?-i:[A-Z][\w-]+)))?|(?:photo\s+)?d\.?r\.?", "photo credit", Tier.SUGGESTED),
    (r"(?:partager|commentaires?|réagir|s'abonner|abonnez-vous|je\s+m'abonne|se\s+connecter|publié\s+le\b.{0,60}"
     r"|mis\s+à\s+jour\s+le\b.{0,60}|lire\s+la\s+suite|voir\s+aussi|à\s+lire\s+aussi|tous\s+droits\s+réservés\.?)",
     "page chrome"),
    # photo credits alone on their line
    (r"(?:photo|photos|photograph(?:y|s)?|image|images|picture|illustration|credits?|photo\s+credits?|image\s+credits?"
     r"|crédits?\s+photo|credit\s+photo|illustrative\s+(?:photo|image|picture)|(?:illustration|archives?)\s+(?:photo|image|picture)"
     r"|(?:photo|image|picture)\s+(?:illustration|archives?|d\.?r\.?)|image\s+(?:source|caption)\s*,?\s*[^.!?]{1,40}"
     r"|(?:video|image|photo)\s+source|via)"
     r"(?:\s*:\s*" + CREDIT_NAMES + r")?\s*\.?", "photo credit"),
    # ``Photo by Jean Dupont on Unsplash``, ``Via Le Parisien``: a credit without its colon, names only
    (r"(?:(?:photo|photos|image|picture|illustration|video)\s+(?:by|from|courtesy\s+of)|via)\s+(?-i:(?=[A-ZÀ-Ý@]))"
     + CREDIT_NAMES + r"(?:\s+on\s+(?:unsplash|pixabay|pexels|flickr|wikimedia(?:\s+commons)?|twitter|instagram|x))?",
     "photo credit", Tier.SUGGESTED),
    (r"(?:original\s+|article\s+)?source(?:\s+(?:article|link))?|link\s+to\s+(?:the\s+)?(?:source|original(?:\s+article)?)"
     r"|(?:first|originally)\s+(?:published|posted|appeared)\s+(?:on|in|at|by)\b(?:[^.!?,\s]|\.(?=\w)|\s){1,60}\.?",
     "scraper footer", Tier.SUGGESTED),
    # more widget shapes of the same kinds (issue #12 §2), each a whole line
    (r"(?:(?:share\s+(?:on|via)\s+)?(?:facebook|twitter|x|whatsapp|linkedin|pinterest|telegram|reddit|messenger"
     r"|e-?mail|print|copy\s+(?:the\s+)?link|flipboard|bluesky|threads|sms)\s*[,|•·/-]?\s*){2,10}", "sharing widget"),
    (r"\d+\s*(?:min(?:ute)?s?|mn)\.?\s+(?:to\s+read|of\s+reading|reading\s+time)\.?", "page header"),
    (r"(?:sign\s+up|subscribe|register|log\s*in|connect)\b[^.!?]{0,30}\bto\s+(?:read|continue|access|unlock)\b"
     r"[^.!?]{0,50}\.?", "paywall"),
    (r"by\s+(?:registering|subscribing|signing\s+up|clicking|continuing|validating)\b.{0,120}\byou\s+(?:accept|agree"
     r"|consent|authori[sz]e)\b.{0,80}\b(?:terms|conditions|privacy|cookies?|policy|charter|newsletter|partners)\b.{0,160}",
     "cookie banner"),
    (r"(?-i:AFP|AP|Reuters|REUTERS|EPA|Getty(?:\s+Images)?|Maxppp|MAXPPP|Sipa|SIPA|Abaca|ABACA|Belga|BELGA|ANSA)"
     r"\s+(?:photo|image|picture|archives?|illustration)s?\.?", "photo credit"),
    (r"(?:illustration|illustrative|archive)\s+(?:photo|image|picture)\.?\s*(?:©|\(|credits?\b|photo\b)\s*"
     + CREDIT_NAMES + r"\)?\.?", "photo credit"),
    (r"(?:video\s+)?(?:duration|length)\s*:?\s*\d{1,2}:\d{2}(?::\d{2})?", "video player"),
    (r"(?:the\s+)?(?:rest|following|continuation|sequel|next|remainder)(?:\s+of\s+(?:the|this)\s+(?:article|text))?"
     r"\s+(?:after|below|under|beneath)\s+(?:this|the)\s+(?:ad|advert|advertisement|advertising|publicity|pub)\.?",
     "advertising"),
    (r"(?:our|the)\s+(?:latest\s+)?(?:articles?|news|stories|videos|content)\s+(?:on|about)\s+(?:the|this)\s+"
     r"(?:topic|subject|theme|issue)|(?:see|view|read|discover|find)\s+all\s+(?:the\s+|our\s+)?(?:news|articles|videos"
     r"|stories|information)(?:\s+(?:on|about|from|of|in)\b.{0,40})?|popular(?:\s+(?:now|today|articles|stories))?"
     r"|trending(?:\s+(?:now|topics|today))?", "related-article link"),
    (r"(?:watch|see|view)\s+the\s+video\s*(?:https?://\S*)?|(?:audio|video|podcast)\s+\d{1,2}:\d{2}(?::\d{2})?"
     r"|\d{1,3}\s*min(?:ute)?s?\.?|live\s+(?:tv|stream|radio)|collapse(?:\s+all)?|expand\s+all", "video player"),
    (r"by\s*:\s*" + CREDIT_NAMES, "byline", Tier.SUGGESTED),
    (r"(?:publishing|publication|posting|posted|published|updated|modified)\s+(?:date|on|at)\s*:?\s*[\d/.:,\s-]{6,40}"
     r"(?:\s*(?:am|pm|a\.m\.|p\.m\.))?", "page header"),
    (r"(?:find|download|get|install)\s+(?:our|the)\s+(?:free\s+)?app(?:lication)?\s*:?|(?:google\s+)?play\s+store"
     r"|app\s+store|apple\s+store|google\s+play|(?:send|share|upload)\s+(?:us\s+)?(?:your\s+|a\s+)?(?:photos?|pictures?"
     r"|videos?)(?:\s+(?:or|and)\s+(?:a\s+)?(?:photos?|pictures?|videos?))?(?:\s+(?:here|to\s+us))?\.?", "page chrome"),
    (r"sign\s+up\s+to\s+receive\b.{0,160}", "newsletter widget"),
    (r"end\s+of\s+(?:the\s+)?free\s+(?:content|article|preview|extract|reading)\.?|to\s+access\s+(?:this|the|all)\s+"
     r"(?:material|content|article|archive)s?\b.{0,60}|if\s+you\s+(?:don'?t|do\s+not)\s+(?:have|own)\s+(?:a|an)\s+"
     r"(?:subscription|account)\b.{0,120}", "paywall"),
    (r"(?:calendar|schedule|fixtures|results|standings|ranking)(?:\s+(?:and|&)\s+(?:results|standings|fixtures|calendar"
     r"|ranking))?\s+(?:of\s+(?:the\s+)?)?(?:ligue|league|top|pro|serie|liga|premier|bundesliga|champions)\b[\w\s]{0,20}"
     r"|(?:ligue|league)\s+\d\s+(?:standings|ranking|table|calendar|results|fixtures)", "sports widget"),
    (r"(?:read|see|view)\s+(?:this\s+article\s+)?in\s+(?:french|english)|(?:french|english|original)\s+version"
     r"|version\s+(?:française|originale)|(?:this\s+article\s+is\s+)?(?:also\s+)?available\s+in\s+(?:french|english)\.?",
     "editorial note"),
    # round 3 (issue #12 §2): the same widgets in the wordings of other CMS themes, by kind
    (r"leave\s+a\s+(?:reply|comment|response)\s+to\s+[^.!?]{1,60}?(?:\s+cancel\s+reply)?", "comment form"),
    (r"(?:(?:in\s+order\s+)?to\s+read\s+(?:more|the\s+(?:rest|remainder|continuation|full\s+(?:article|story|text)|whole"
     r"\s+(?:article|story))|this\s+article|the\s+article|(?:the\s+)?(?:rest|remainder|continuation)\s+of\s+(?:this|the)"
     r"\s+(?:article|story))|to\s+(?:access|unlock)\s+(?:this|the)\s+(?:article|content))\s*,?\s*(?:please\s+)?"
     r"(?:subscribe|log\s*in|sign\s+(?:in|up)|register|connect|create\s+an?\s+(?:free\s+)?account)\b[^!?]{0,60}"
     r"|(?:do\s+you\s+)?want\s+to\s+(?:read|know)\s+more\s*\??", "paywall"),
    (r"(?:sign\s+(?:in|up)|log\s*in|login|continue|connect(?:\s+me)?|register)\s+(?:with|via)\s+(?:google|facebook|apple"
     r"|twitter|x|e-?mail|linkedin|microsoft|your\s+(?:e-?mail|account|social\s+networks?))", "login widget"),
    (r"(?:this\s+)?(?:article|story|text|post)\s+(?:was\s+|is\s+)?(?:originally|first)\s+(?:published|posted|appeared)"
     r"\s+(?:on|in|at|by)\s+(?:[^.!?\s]|\.(?=\w)|\s){1,60}\.?"
     r"|(?:read\s+|see\s+|view\s+)?(?:the\s+)?original\s+(?:article|post|story|text|version)(?:\s+(?:on|at|here)\b[^!?]{0,40})?"
     r"|(?:the\s+)?(?:original\s+)?(?:article|text|story)\s+is\s+(?:written\s+)?in\s+(?:french|english)\.?", "scraper footer"),
    (r"(?:written|posted|published)\s+by\s*:?\s*(?-i:[a-z][a-z0-9_.-]{2,20})", "byline", Tier.SUGGESTED),
    (r"(?:posted|filed|published|classified)\s+(?:in|under)\s*:?\s*(?-i:[A-ZÀ-Ý][\w&'’-]*)(?:\s*[,&|/]?\s*"
     r"(?-i:[A-ZÀ-Ý][\w&'’-]*)){0,5}", "tag list", Tier.SUGGESTED),
    (r"copyright\s+(?-i:(?=[A-ZÀ-Ý]))" + CREDIT_NAMES + r"\.?|(?:photo\s+)?archives?", "copyright line", Tier.SUGGESTED),
    (r"(?:see|view|follow|access|manage|find)\s+(?:all\s+)?(?:my|your)\s+(?:news|feed|alerts?|topics|favou?rites|selections?"
     r"|newsletters?|notifications|account|space|profile|saved\s+articles)", "login widget"),
]
CHROME = [(re.compile(p, re.IGNORECASE), what, rest[0] if rest else Tier.SAFE) for p, what, *rest in _CHROME]

#: Cues of a login or paywall widget: the first kind never occurs in news prose.
_WIDGET_CUES = [re.compile(p, re.IGNORECASE) for p in (
    r"\breserve[sd]?\b.{0,40}\bsubscribers\b", r"\bfor\s+subscribers\s+only\b",
    r"\d+\s*%\s+(?:left\s+)?to\s+(?:read|discover)\b", r"\d+\s*%\s+(?:remains?|left|remaining|of\s+(?:this|the)\s+article)", r"\b(?:log\s*in|login|sign\s+in|i\s+connect|connect\s+me)\b",
    r"\balready\s+(?:a\s+)?subscri", r"\bcontinue\s+reading\b", r"\brest\s+of\s+(?:this|the)\s+article\b",
    r"\bunlimited\s+access\b", r"\b(?:without|no)\s+commitment\b", r"\bcancel(?:lable)?\s+(?:at\s+)?any\s*time\b",
    r"\b(?:subscribe\s+now|i\s+subscribe)\b", r"\bfree\s+trial\b", r"\byour\s+account\b")]
_PRICE_CUES = [re.compile(p, re.IGNORECASE) for p in (
    r"\bsubscri\w*", r"[€$£]\s*\d|\d\s*(?:€|euros?\b)", r"(?:per|a|/)\s*month\b", r"\boffers?\b", r"\bpremium\b")]




#: Section names of news sites (and what MT makes of French ones: "Various facts").
SECTIONS = frozenset("""politics economy society culture sport sports world international france europe health
education environment planet tech technology media regions region opinion opinions ideas lifestyle people
entertainment business science sciences weather justice crime local finance markets football rugby tennis cinema
music television tv books video videos photos live miscellaneous various facts news economics debates
diplomacy defense defence elections national celebrities celebrity showbiz auto automobile travel fashion consumption
money companies energy police headlines trending featured general faits-divers société économie politique monde
actualité actualités actualites international""".split())


#: French news outlets (and the names MT gives them) that a scraper copies from
#: the page title after the headline: ``Macron goes back to the front – Le Parisien``.
MEDIA = """Le Parisien|Le Figaro|Le Monde|Libération|Liberation|Les Echos|Les Échos|Ouest-France|Ouest France|20 Minutes
|20minutes|BFMTV|BFM TV|BFM Business|franceinfo|France Info|France Inter|France Bleu|France 24|France 3|TF1 Info|TF1|LCI|RTL
|Europe 1|RMC|CNews|Gala|Voici|Closer|Paris Match|L'Équipe|L’Équipe|L'Equipe|Le Point|L'Express|L’Express|L'Obs|L’Obs
|Marianne|Télé-Loisirs|Télé Loisirs|Femme Actuelle|Capital|Challenges|La Dépêche|La Dépêche du Midi|Sud Ouest|Le Dauphiné
|Le Dauphiné Libéré|La Voix du Nord|Nice-Matin|Var-Matin|Le Progrès|actu\\.fr|Actu\\.fr|Le HuffPost|HuffPost|Konbini
|Purepeople|Télé 7 Jours|Télé Star|Le Journal des Femmes|Midi Libre|La Provence|L'Est Républicain|Le Télégramme|La Croix
|Le JDD|JDD|Le Journal du Dimanche|Mediapart|Numerama|01net|Clubic|Frandroid|Foot Mercato|Foot National|AlloCiné
|Allociné|Le Républicain Lorrain|Courrier International|Sud Radio|Franceinfo|Le Dauphine|Ouest-France\\.fr
|The Parisian|The World|The Point|The Express|The Echoes|The Team|The Cross|West France|West-France
|L'Humanité|L’Humanité|Le Journal de Montréal|La Presse|Radio-Canada|RFI|TV5Monde|TV5MONDE|France 2|France Télévisions
|France TV Info|Public Sénat|Valeurs actuelles|Atlantico|Slate\\.fr|Le Bien Public|Le Courrier picard|L'Indépendant
|La Nouvelle République|La Montagne|Paris-Normandie|Dernières Nouvelles d'Alsace|DNA|L'Alsace|L'Union|Les Numériques
|RMC Sport|So Foot|Eurosport|Le Temps|Tribune de Genève|La Libre|La Libre Belgique|Le Soir|RTBF|7sur7|Sudinfo|L'Opinion
|L’Opinion|La Tribune|Investir|Boursorama|Zonebourse|Auto Plus|Caradisiac|Télérama|Les Inrocks|Les Inrockuptibles
|Doctissimo|Top Santé|Sciences et Avenir|Futura|Linternaute|L'Internaute|Journal des Femmes|Ici Paris|France Dimanche
|Point de Vue|Yahoo News|Yahoo Actualités|MSN|Orange Actualités|Le Journal du Geek|Presse-citron|Brut|Le Monde\\.fr
|Lemonde\\.fr|Le Figaro\\.fr|Lefigaro\\.fr|Franceinfo:|The Sunday Journal|The Free Midi|The Voice of the North|South West
|The Republican Lorrain|The Progress|The Telegram|The New Republic|The Dispatch|The Opinion|The Tribune|The Obs|The Inrocks
|The Journal of Women|Current Women|Woman News""".replace("\n", "")
SOURCE_SUFFIX = re.compile(r"\s+[–—|-]\s+(?:" + MEDIA.replace("'", "['’]") + r"|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|fr|net"
                           r"|org|info|news|eu|be|ch|ca|io|co\.uk|co|tv|media))\s*$")
