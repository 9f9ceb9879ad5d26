"""What the demo marketplace says: Canadian vendors, Mexican companies and their requests.

Tables and text generation only, no database: `seed_demo` turns these profiles into rows. Each
generator takes its own `random.Random`, seeded per row by the command, so row N reads the same
whichever run created it. Everything generated passes the models' validation.
"""

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from stdnum import luhn
from stdnum.mx import rfc as stdnum_rfc

DEMO_PASSWORD = "norte-demo-2026"  # noqa: S105 — public on purpose: README and seed_demo print it

# Requests have no slug, so the reference ending a demo request's description is its key.
REQUEST_REFERENCE_PREFIX = "RFP-DEMO-"
REQUEST_REFERENCE_DIGITS = 6


@dataclass(frozen=True)
class SectorProfile:
    """How vendors in a sector present themselves and what companies ask of them."""

    name_words: tuple[str, ...]
    rate_cad: tuple[int, int]  # usual hourly rates, low to high
    specialties: tuple[tuple[str, str], ...]  # (English, French with its article)
    neighbours: tuple[str, ...]  # sectors a multi-sector vendor also works in
    # (slug, share of vendors holding it); only certifications the reference data ties to the sector
    certifications: tuple[tuple[str, float], ...]
    projects: tuple[tuple[str, str, str, str], ...]  # title es, title en, scope es, scope en


@dataclass(frozen=True)
class CompanyKind:
    sectors: tuple[str, ...]  # what such a company outsources
    name_patterns: tuple[str, ...]
    description: str


# The tables keep one entry per line; the formatter would spread them over a thousand lines.
# fmt: off
SECTORS: dict[str, SectorProfile] = {
    "igaming": SectorProfile(
        ("Casino Tech", "Reels", "Jackpot", "Play", "Gaming"), (85, 150),
        (("online casino platforms with a unified player wallet", "les plateformes de casino en ligne avec portefeuille joueur unifié"),
         ("slot and table game studios", "les studios de machines à sous et de jeux de table"),
         ("live dealer streaming and game aggregation", "la diffusion de croupiers en direct et l'agrégation de jeux")),
        ("sports-betting", "lottery", "fintech-payments", "cybersecurity"),
        (("agco-registered", 0.4), ("gli-certified", 0.3), ("kahnawake-licensed", 0.2)),
        (("Plataforma de casino en línea con cartera única", "Online casino platform with a single wallet",
          "construir una plataforma de casino en línea con cartera única de jugadores y límites de juego responsable",
          "build an online casino platform with a single player wallet and responsible-gaming limits"),
         ("Integración de proveedores de tragamonedas", "Slot provider integration",
          "integrar tres proveedores de tragamonedas y mesas con crupier en vivo en nuestro sitio",
          "integrate three slot providers and live dealer tables into our site")),
    ),
    "sports-betting": SectorProfile(
        ("Odds", "Wager", "Sportsbook", "Line", "Bet Labs"), (90, 160),
        (("sportsbook engines and live odds feeds", "les moteurs de paris sportifs et les flux de cotes en direct"),
         ("in-play betting and trading risk tools", "les paris en direct et les outils de gestion des risques")),
        ("igaming", "data-analytics", "ai-ml"),
        (("agco-registered", 0.45), ("gli-certified", 0.3), ("kahnawake-licensed", 0.2)),
        (("Casa de apuestas deportivas con momios en vivo", "Sportsbook with live odds",
          "lanzar una casa de apuestas deportivas con momios en vivo para la Liga MX y la NFL",
          "launch a sportsbook with live odds for Liga MX and NFL markets"),
         ("Modelos de riesgo para apuestas en vivo", "Risk models for in-play betting",
          "mejorar la gestión de riesgo de nuestras apuestas en vivo durante el partido",
          "improve trading and risk management for our in-play markets")),
    ),
    "lottery": SectorProfile(
        ("Lotto", "Draw", "Ticket", "Lottery Systems"), (75, 135),
        (("central lottery systems and draw management", "les systèmes de loterie centraux et la gestion des tirages"),
         ("retail terminal networks with a certified RNG", "les réseaux de terminaux de vente avec générateur aléatoire certifié")),
        ("igaming", "sports-betting", "cybersecurity"),
        (("gli-certified", 0.45), ("agco-registered", 0.3)),
        (("Sistema de sorteos con números aleatorios certificados", "Draw system with a certified RNG",
          "renovar nuestro sistema de sorteos con un generador de números aleatorios certificado",
          "replace our draw system with one built on a certified random number generator"),
         ("Red de terminales de venta de lotería", "Lottery retail terminal network",
          "desplegar terminales de venta en 2,000 puntos de venta con monitoreo central",
          "roll out retail terminals to 2,000 points of sale with central monitoring")),
    ),
    "ai-ml": SectorProfile(
        ("AI", "Neural", "Intelligence", "Vector", "Cognitive"), (110, 190),
        (("machine learning models in production (MLOps)", "les modèles d'apprentissage automatique en production (MLOps)"),
         ("LLM assistants and natural language processing", "les assistants LLM et le traitement du langage naturel"),
         ("computer vision and recommendation systems", "la vision par ordinateur et les systèmes de recommandation")),
        ("data-analytics", "cloud-devops", "software-development"),
        (),
        (("Asistente virtual con IA generativa", "Generative AI customer assistant",
          "crear un asistente con IA generativa que atienda a nuestros clientes en español",
          "build a generative-AI assistant that serves our customers in Spanish"),
         ("Motor de recomendaciones personalizado", "Personalised recommendation engine",
          "poner en producción un motor de recomendaciones con MLOps",
          "put a recommendation engine into production with proper MLOps")),
    ),
    "blockchain": SectorProfile(
        ("Chain", "Ledger", "Block", "Token"), (110, 185),
        (("Solidity smart contracts and their audits", "les contrats intelligents en Solidity et leurs audits"),
         ("crypto payment rails and tokenization", "les paiements en cryptomonnaies et la tokenisation")),
        ("fintech-payments", "cybersecurity"),
        (),
        (("Auditoría de contratos inteligentes", "Smart contract audit",
          "auditar y reforzar nuestros contratos inteligentes antes del lanzamiento",
          "audit and harden our smart contracts before launch"),
         ("Pagos con criptomonedas en nuestra app", "Crypto payments in our app",
          "aceptar pagos con criptomonedas en nuestra aplicación móvil",
          "accept cryptocurrency payments in our mobile app")),
    ),
    "vr-ar": SectorProfile(
        ("XR", "Reality", "Immersive", "Pixel"), (80, 145),
        (("VR and AR experiences in Unity and Unreal Engine", "les expériences de RV et de RA avec Unity et Unreal Engine"),
         ("WebXR showrooms and 3D assets", "les salles d'exposition WebXR et la modélisation 3D")),
        ("software-development", "ecommerce"),
        (),
        (("Showroom virtual en realidad aumentada", "Augmented reality showroom",
          "crear un showroom en realidad aumentada que funcione en el navegador",
          "create an augmented-reality showroom that runs in the browser"),
         ("Capacitación en realidad virtual", "Virtual reality training",
          "capacitar a nuestros operadores con simulaciones de realidad virtual",
          "train our operators with virtual reality simulations")),
    ),
    "cybersecurity": SectorProfile(
        ("Cyber", "Shield", "Secure", "Sentinel", "Guard"), (110, 190),
        (("penetration testing and red teaming", "les tests d'intrusion et les exercices red team"),
         ("24/7 SOC monitoring and incident response", "la surveillance SOC 24/7 et la réponse aux incidents"),
         ("identity and access management", "la gestion des identités et des accès")),
        ("cloud-devops", "fintech-payments", "it-support"),
        (("iso-27001", 0.35), ("soc-2", 0.3)),
        (("Pruebas de penetración de nuestra plataforma", "Penetration test of our platform",
          "realizar pruebas de penetración a nuestra plataforma web y móvil",
          "run a penetration test of our web and mobile platform"),
         ("Centro de operaciones de seguridad 24/7", "24/7 security operations centre",
          "operar un centro de operaciones de seguridad 24/7 para nuestras sucursales",
          "run a 24/7 security operations centre for our branches")),
    ),
    "cloud-devops": SectorProfile(
        ("Cloud", "Ops", "Stack", "Infra", "Nimbus"), (100, 170),
        (("AWS, Azure and Google Cloud migrations", "les migrations vers AWS, Azure et Google Cloud"),
         ("Kubernetes platforms, Terraform and CI/CD", "les plateformes Kubernetes, Terraform et l'intégration continue")),
        ("cybersecurity", "it-support", "software-development"),
        (("iso-27001", 0.25), ("soc-2", 0.25)),
        (("Migración de nuestro centro de datos a AWS", "Data centre migration to AWS",
          "migrar nuestro centro de datos a AWS sin interrumpir la operación",
          "move our data centre to AWS without interrupting operations"),
         ("Plataforma Kubernetes con CI/CD", "Kubernetes platform with CI/CD",
          "montar una plataforma Kubernetes con Terraform e integración continua",
          "set up a Kubernetes platform with Terraform and CI/CD")),
    ),
    "fintech-payments": SectorProfile(
        ("Pay", "Fintech", "Payments", "Capital Tech"), (105, 180),
        (("payment gateways and PCI-compliant card processing", "les passerelles de paiement et le traitement des cartes conforme PCI"),
         ("KYC/AML onboarding and open banking APIs", "l'intégration KYC/LBC et les API bancaires ouvertes")),
        ("blockchain", "cybersecurity", "ecommerce"),
        (("pci-dss", 0.4), ("soc-2", 0.25), ("iso-27001", 0.2)),
        (("Pasarela de pagos con SPEI y tarjetas", "Payment gateway with SPEI and cards",
          "integrar una pasarela de pagos con SPEI, tarjetas y cumplimiento PCI",
          "integrate a payment gateway with SPEI transfers, cards and PCI compliance"),
         ("Alta digital de clientes con KYC y PLD", "Digital onboarding with KYC and AML",
          "digitalizar el alta de clientes con validación KYC y prevención de lavado de dinero",
          "digitise customer onboarding with KYC checks and anti-money-laundering controls")),
    ),
    "software-development": SectorProfile(
        ("Code", "Dev", "Software", "Apps", "Digital"), (75, 150),
        (("web platforms in Python/Django, Node.js and React", "les plateformes web en Python/Django, Node.js et React"),
         ("iOS and Android mobile apps", "les applications mobiles iOS et Android"),
         ("Java and .NET modernisation with test automation", "la modernisation Java et .NET avec tests automatisés")),
        ("cloud-devops", "ecommerce", "ai-ml", "vr-ar"),
        (),
        (("Aplicación móvil para clientes", "Customer mobile app",
          "desarrollar nuestra aplicación móvil para iOS y Android",
          "develop our customer mobile app for iOS and Android"),
         ("Modernización de sistema heredado", "Legacy system modernisation",
          "modernizar un sistema heredado en Java con pruebas automatizadas",
          "modernise a legacy Java system with automated tests")),
    ),
    "it-support": SectorProfile(
        ("IT", "Helpdesk", "Managed IT", "Networks", "Support"), (55, 110),
        (("bilingual help desk and managed IT services", "le soutien technique bilingue et les services informatiques gérés"),
         ("network administration for multi-site companies", "l'administration réseau des entreprises multisites")),
        ("cloud-devops", "cybersecurity"),
        (("iso-27001", 0.25),),
        (("Mesa de ayuda bilingüe 24/7", "24/7 bilingual help desk",
          "operar una mesa de ayuda bilingüe 24/7 para nuestros empleados",
          "run a 24/7 bilingual help desk for our staff"),
         ("Administración de redes de sucursales", "Branch network administration",
          "administrar la red de 40 sucursales con monitoreo remoto",
          "administer the network of 40 branches with remote monitoring")),
    ),
    "data-analytics": SectorProfile(
        ("Data", "Insights", "Analytics", "Metrics", "Signal"), (95, 165),
        (("data engineering, ETL and data warehouses", "l'ingénierie des données, l'ETL et les entrepôts de données"),
         ("BI dashboards for leadership teams", "les tableaux de bord BI pour les directions")),
        ("ai-ml", "cloud-devops"),
        (("soc-2", 0.15),),
        (("Almacén de datos y tableros de negocio", "Data warehouse and BI dashboards",
          "construir un almacén de datos con tableros de inteligencia de negocios",
          "build a data warehouse with business intelligence dashboards"),
         ("Canalizaciones de datos en tiempo real", "Real-time data pipelines",
          "crear canalizaciones de datos en tiempo real desde nuestras sucursales",
          "create real-time data pipelines from our branches")),
    ),
    "ecommerce": SectorProfile(
        ("Commerce", "Cart", "Shop", "Market"), (70, 140),
        (("Shopify and Magento stores", "les boutiques Shopify et Magento"),
         ("multi-vendor marketplaces with built-in payments", "les places de marché multivendeurs avec paiements intégrés")),
        ("fintech-payments", "software-development", "data-analytics"),
        (("pci-dss", 0.25),),
        (("Tienda en línea en Shopify con facturación CFDI", "Shopify store with CFDI invoicing",
          "lanzar nuestra tienda en línea en Shopify con facturación CFDI",
          "launch our Shopify store with CFDI e-invoicing"),
         ("Marketplace multivendedor", "Multi-vendor marketplace",
          "abrir nuestro sitio a vendedores externos como marketplace multivendedor",
          "open our site to third-party sellers as a multi-vendor marketplace")),
    ),
}

# Skills any vendor may add next to its sectors' own.
GENERAL_SKILLS = ("python", "django", "react", "aws", "kubernetes", "ci-cd", "qa-testing")

# (province, share of vendors in %, cities: repeated ones are more likely)
PROVINCES = (
    ("ON", 36, ("Toronto", "Toronto", "Ottawa", "Waterloo", "Kitchener", "Mississauga", "Hamilton", "London", "Markham", "Kingston")),
    ("QC", 22, ("Montréal", "Montréal", "Montréal", "Québec", "Laval", "Gatineau", "Sherbrooke", "Trois-Rivières", "Lévis")),
    ("BC", 16, ("Vancouver", "Vancouver", "Victoria", "Burnaby", "Surrey", "Kelowna", "Richmond")),
    ("AB", 10, ("Calgary", "Calgary", "Edmonton", "Edmonton", "Lethbridge")),
    ("NS", 4, ("Halifax", "Halifax", "Dartmouth", "Sydney")),
    ("MB", 3, ("Winnipeg", "Winnipeg", "Brandon")),
    ("NB", 3, ("Moncton", "Fredericton", "Saint John")),
    ("SK", 2, ("Saskatoon", "Regina")),
    ("NL", 1.5, ("St. John's",)),
    ("PE", 0.8, ("Charlottetown",)),
    ("YT", 0.3, ("Whitehorse",)),
    ("NT", 0.2, ("Yellowknife",)),
    ("NU", 0.2, ("Iqaluit",)),
)

ENGLISH_PLACES = (
    "Maple", "Boreal", "Cascadia", "Rideau", "Fundy", "Prairie", "Muskoka", "Okanagan", "Algonquin",
    "Klondike", "Caribou", "Chinook", "Aurora", "Huron", "Superior", "Tundra", "Cabot", "Northern",
    "Granite", "Cedar", "Harbour", "Summit", "True North", "Kootenay", "Niagara", "Georgian",
    "Bluewater", "Red River", "Ironwood", "Lakehead",
)
ENGLISH_SUFFIXES = ("Inc.", "Technologies", "Labs", "Solutions", "Systems", "Studio", "Ltd.", "Group", "Consulting")
FRENCH_KINDS = ("Technologies", "Solutions", "Groupe", "Studio", "Laboratoires", "Systèmes", "Conseils")
FRENCH_PLACES = (
    "Saint-Laurent", "Mont-Royal", "Charlevoix", "Outaouais", "Mauricie", "Laurentides", "Gaspésie",
    "Estrie", "Saguenay", "Beauce", "Lanaudière", "Montérégie", "Kamouraska", "Abitibi", "Portneuf",
)
SUSPENSION_REASONS = (
    "The business number could not be verified with the Canada Revenue Agency.",
    "Security questionnaire overdue; suspended until it is completed.",
    "Two client complaints about missed milestones are under review.",
    "Duplicate listing: the firm already has an approved profile.",
    "Proof of liability insurance expired.",
)
LANGUAGE_NAMES = {  # language → how English, French and Spanish text names it
    "en": {"en": "English", "fr": "anglais", "es": "inglés"},
    "fr": {"en": "French", "fr": "français", "es": "francés"},
    "es": {"en": "Spanish", "fr": "espagnol", "es": "español"},
}

COMPANY_KINDS: dict[str, CompanyKind] = {
    "casino": CompanyKind(
        ("igaming", "sports-betting", "cybersecurity", "fintech-payments", "data-analytics", "cloud-devops"),
        ("Grupo {x} Entretenimiento", "Casinos {x}", "{x} Juegos y Apuestas"),
        "Operador de casinos físicos y en línea con permiso de la Secretaría de Gobernación."),
    "sportsbook": CompanyKind(
        ("sports-betting", "igaming", "ai-ml", "data-analytics", "cloud-devops"),
        ("Apuestas {x}", "{x} Sports", "Deportes y Momios {x}"),
        "Casa de apuestas deportivas en línea con aplicaciones móviles y puntos de venta."),
    "lottery": CompanyKind(
        ("lottery", "igaming", "it-support", "cybersecurity", "blockchain"),
        ("Lotería {x}", "Sorteos {x}", "Pronósticos {x}"),
        "Operador de sorteos y lotería instantánea con una red nacional de puntos de venta."),
    "fintech": CompanyKind(
        ("fintech-payments", "blockchain", "cybersecurity", "ai-ml", "data-analytics", "cloud-devops"),
        ("{x} Pagos", "Financiera {x}", "{x} Fintech"),
        "Institución de tecnología financiera autorizada por la CNBV para pagos electrónicos."),
    "retail": CompanyKind(
        ("ecommerce", "data-analytics", "vr-ar", "it-support", "ai-ml", "software-development"),
        ("Tiendas {x}", "Comercializadora {x}", "Almacenes {x}"),
        "Cadena minorista con tiendas físicas y comercio electrónico en todo el país."),
    "software": CompanyKind(
        ("software-development", "cloud-devops", "vr-ar", "ai-ml", "it-support", "blockchain"),
        ("{x} Software", "Desarrollos {x}", "{x} Sistemas"),
        "Casa de software que desarrolla soluciones a la medida para banca, gobierno y comercio."),
}
COMPANY_WORDS = (
    "Azteca", "Maya", "Pacífico", "Sierra Madre", "Jaguar", "Quetzal", "Norteño", "Huasteca",
    "Cantera", "Obsidiana", "Sol de Oro", "Anáhuac", "Tonatiuh", "Bajío", "Golfo", "Laguna",
    "Mixteca", "Altiplano", "Cumbres", "Alameda", "Tres Ríos", "Papaloapan", "Cenote", "Nopal",
)
LEGAL_FORMS = ("S.A. de C.V.", "S.A. de C.V.", "S.A.P.I. de C.V.", "S. de R.L. de C.V.")
# The demo companies' states and their cities, taken in turn (`company_profile`): four
# companies a state, so that the insights, which hide a figure of fewer than 3 companies from
# visitors, show every state's.
MEXICAN_CITIES = (  # (state as ISO 3166-2:MX without the prefix, its cities)
    ("CMX", ("Ciudad de México",)),
    ("JAL", ("Guadalajara", "Zapopan")),
    ("NLE", ("Monterrey", "San Pedro Garza García")),
    ("BCN", ("Tijuana", "Mexicali")),
    ("QUE", ("Querétaro",)),
    ("PUE", ("Puebla",)),
    ("YUC", ("Mérida",)),
    ("GUA", ("León",)),
    ("ROO", ("Cancún",)),
    ("SIN", ("Culiacán",)),
)
# fmt: on

SECTOR_ORDER = tuple(SECTORS)
COMPANY_KIND_ORDER = tuple(COMPANY_KINDS)
PROVINCE_CUM_WEIGHTS = tuple(
    sum(weight for _, weight, _ in PROVINCES[: i + 1]) for i in range(len(PROVINCES))
)
# Words the SAT skips when it takes a company's initials for its RFC.
RFC_SKIPPED_WORDS = {"DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E"}


@dataclass(frozen=True)
class SkillName:
    slug: str
    en: str
    es: str
    fr: str


@dataclass
class DemoVendor:
    name: str
    status: str  # a `Vendor.Status` value
    status_reason: str
    business_number: str
    province: str
    city: str
    descriptions: dict[str, str]  # language code → the vendor's description in it
    website: str
    team_size: int
    hourly_rate_min: Decimal
    hourly_rate_max: Decimal
    languages: set[str]
    skills: list[str]
    certifications: list[str]
    expertise: list[tuple[str, int, int]]  # (sector slug, level 1–5, years)


@dataclass
class DemoCompany:
    name: str
    rfc: str
    state: str
    city: str
    description: str
    website: str
    verified: bool


@dataclass
class DemoRequest:
    title: str
    description: str
    skills: list[str]
    required_certifications: list[str]
    budget_min: Decimal
    budget_max: Decimal
    currency: str
    team_size: int
    duration_weeks: int
    languages: set[str]
    language: str  # what the text is written in: "es" or "en"


def vendor_profile(
    rng: random.Random, *, index: int, skills_by_sector: dict[str, list[SkillName]]
) -> DemoVendor:
    """Vendor number `index`. Main sectors take turns, so even a few vendors cover them all, and
    so do statuses (10 % pending, 4 % suspended); about a quarter also work in a neighbouring
    sector. Skills and certifications come from the vendor's sectors."""
    sector = SECTOR_ORDER[index % len(SECTOR_ORDER)]
    profile = SECTORS[sector]
    if index % 25 == 12:
        status, reason = "suspended", rng.choice(SUSPENSION_REASONS)
    elif index % 10 == 4:
        status, reason = "pending", ""
    else:
        status, reason = "approved", ""
    province, _, cities = PROVINCES[
        rng.choices(range(len(PROVINCES)), cum_weights=PROVINCE_CUM_WEIGHTS)[0]
    ]
    city = rng.choice(cities)
    word = rng.choice(profile.name_words)
    if province == "QC":
        name = f"{rng.choice(FRENCH_KINDS)} {word} {rng.choice(FRENCH_PLACES)} inc."
    else:
        name = f"{rng.choice(ENGLISH_PLACES)} {word} {rng.choice(ENGLISH_SUFFIXES)}"
    languages = _vendor_languages(rng, province, city)

    sectors = [sector]
    if rng.random() < 0.25:
        sectors += rng.sample(profile.neighbours, k=rng.randint(1, 2))
    expertise = [(sector, rng.choice((3, 4, 4, 5)), rng.randint(2, 25))]
    expertise += [(other, rng.randint(1, 4), rng.randint(1, 12)) for other in sectors[1:]]
    skills = _pick(rng, skills_by_sector[sector], 2, 5)
    for other in sectors[1:]:
        skills += _pick(rng, skills_by_sector[other], 1, 2)
    skill_slugs = [skill.slug for skill in skills]
    if rng.random() < 0.4:
        skill_slugs.append(rng.choice(GENERAL_SKILLS))
    certifications = {
        slug
        for other in sectors
        for slug, share in SECTORS[other].certifications
        if rng.random() < share
    }

    team_size = min(800, max(2, round(rng.lognormvariate(2.6, 0.9))))  # median about 13
    low, high = profile.rate_cad
    rate_min = 5 * round(rng.uniform(low, high - 10) / 5)
    specialty = rng.choice(profile.specialties)
    return DemoVendor(
        name=name,
        status=status,
        status_reason=reason,
        business_number=business_number(index) if rng.random() < 0.7 else "",
        province=province,
        city=city,
        descriptions=_vendor_descriptions(
            name, province, city, team_size, languages, specialty, skills[:4]
        ),
        website=f"https://{_domain(name)}.ca",
        team_size=team_size,
        hourly_rate_min=Decimal(rate_min),
        hourly_rate_max=Decimal(rate_min + 5 * rng.randint(2, 12)),
        languages=languages,
        skills=list(dict.fromkeys(skill_slugs)),
        certifications=sorted(certifications),
        expertise=expertise,
    )


def _pick(rng: random.Random, items: list, fewest: int, most: int) -> list:
    """Between `fewest` and `most` distinct items (fewer when there are not that many)."""
    return rng.sample(items, k=min(len(items), rng.randint(fewest, most)))


def _vendor_languages(rng: random.Random, province: str, city: str) -> set[str]:
    if province == "QC":
        languages = {"fr", "en"} if rng.random() < 0.85 else {"fr"}
    else:
        french_share = {"NB": 0.6, "ON": 0.35 if city == "Ottawa" else 0.1}.get(province, 0.08)
        languages = {"en", "fr"} if rng.random() < french_share else {"en"}
    if rng.random() < 0.3:  # many who sell to Mexico have Spanish speakers
        languages.add("es")
    return languages


def _vendor_descriptions(
    name, province, city, team_size, languages, specialty, skills
) -> dict[str, str]:
    """One description in each language the vendor works in: English, French and Spanish."""
    texts = {
        "en": (
            f"{name} is a team of {team_size} in {city} building {specialty[0]}. "
            f"Core skills: {', '.join(skill.en for skill in skills)}. "
            f"We work in {_language_list(languages, 'en')}."
        ),
        "fr": (
            f"{name} est une équipe de {team_size} personnes à {city} spécialisée dans "
            f"{specialty[1]}. Compétences : {', '.join(skill.fr for skill in skills)}. "
            f"Nous travaillons en {_language_list(languages, 'fr')}."
        ),
        "es": (
            f"{name} es un equipo de {team_size} personas en {city}. "
            f"Habilidades principales: {', '.join(skill.es for skill in skills)}. "
            f"Trabajamos en {_language_list(languages, 'es')} y atendemos a clientes en México."
        ),
    }
    return {code: text for code, text in texts.items() if code in languages}


def _language_list(codes, language: str) -> str:
    """`{"en", "es"}` in English → "English and Spanish"; in French → "anglais et en espagnol"."""
    names = [LANGUAGE_NAMES[code][language] for code in ("en", "fr", "es") if code in codes]
    if language == "fr":  # "en anglais et en espagnol": the first "en" is in the sentence
        names = names[:1] + [f"en {name}" for name in names[1:]]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + {"en": " and ", "fr": " et ", "es": " y "}[language] + names[-1]


def company_profile(
    rng: random.Random, *, kind: str, taken_rfcs: set[str], index: int
) -> DemoCompany:
    """The `index`th demo company, of `kind`, with an RFC no one in `taken_rfcs` has (it is
    added there), in the `index`th state of MEXICAN_CITIES in turn."""
    base_name = rng.choice(COMPANY_KINDS[kind].name_patterns).format(x=rng.choice(COMPANY_WORDS))
    state, cities = MEXICAN_CITIES[index % len(MEXICAN_CITIES)]
    city = rng.choice(cities)
    rfc = ""
    while not rfc or rfc in taken_rfcs:
        founded = date(1985, 1, 1) + timedelta(days=rng.randrange(14000))
        # The SAT's homoclave never starts with 0 or W-Z, nor has 0 second (stdnum checks it).
        homoclave = rng.choice("123456789ABCDEFGHIJKLMNPQRSTUV") + rng.choice(
            "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
        )
        rfc = company_rfc(base_name, founded=founded, homoclave=homoclave)
    taken_rfcs.add(rfc)
    return DemoCompany(
        name=f"{base_name}, {rng.choice(LEGAL_FORMS)}",
        rfc=rfc,
        state=state,
        city=city,
        description=f"{COMPANY_KINDS[kind].description} Oficinas en {city}.",
        website=f"https://www.{_domain(base_name)}.com.mx",
        verified=rng.random() < 0.7,
    )


def company_rfc(name: str, *, founded: date, homoclave: str) -> str:
    """A legal entity's RFC: initials SAT-style, founding date (YYMMDD), homoclave, check digit."""
    words = [
        word
        for word in re.sub(r"[^A-Z ]", "", _ascii(name).upper()).split()
        if word not in RFC_SKIPPED_WORDS
    ]
    if len(words) >= 3:
        letters = "".join(word[0] for word in words[:3])
    elif len(words) == 2:
        letters = words[0][0] + words[1][:2]
    else:
        letters = "".join(words)
    base = f"{(letters + 'XXX')[:3]}{founded:%y%m%d}{homoclave}"
    return base + stdnum_rfc.calc_check_digit(base)


def business_number(index: int) -> str:
    """A valid 9-digit Canadian business number, a different one for every index below 10^8."""
    base = f"{(index * 7919 + 20_250_001) % 100_000_000:08d}"  # 7919 is prime: no repeats
    return base + luhn.calc_check_digit(base)


def request_profile(
    rng: random.Random,
    *,
    index: int,
    sector: str,
    company_name: str,
    skills_by_sector: dict[str, list[SkillName]],
    certification_names: dict[str, str],
    cad_per_unit: dict[str, Decimal],
    reference_prefix: str = REQUEST_REFERENCE_PREFIX,
) -> DemoRequest:
    """Request number `index`, in Spanish or English, whose budget is its team × weeks × 40 h at
    a rate usual in the sector, converted from CAD with `cad_per_unit`. Its description ends
    with its reference, `reference_prefix` and the number."""
    profile = SECTORS[sector]
    title_es, title_en, scope_es, scope_en = rng.choice(profile.projects)
    in_spanish = rng.random() < 0.65
    team_size = rng.randint(2, 12)
    duration_weeks = rng.choice((4, 6, 8, 10, 12, 16, 20, 24, 26, 32, 40, 52))
    skills = _pick(rng, skills_by_sector[sector], 2, 4)
    certifications = [slug for slug, share in profile.certifications if rng.random() < share * 0.8]
    languages = {"es"} if in_spanish else {"en"}
    if rng.random() < (0.6 if in_spanish else 0.7):
        languages.add("en" if in_spanish else "es")
    if rng.random() < 0.08:
        languages.add("fr")

    currency = rng.choices(("MXN", "USD", "CAD"), weights=(60, 25, 15))[0]
    if currency not in cad_per_unit:
        currency = "CAD"
    rounding = Decimal(1000) if currency == "MXN" else Decimal(100)
    hours_cost_cad = team_size * duration_weeks * 40 * rng.uniform(*profile.rate_cad)

    def amount(share: float) -> Decimal:
        value = Decimal(hours_cost_cad * share) / cad_per_unit.get(currency, Decimal(1))
        return max(rounding, (value / rounding).quantize(Decimal(1)) * rounding)

    budget_min = amount(rng.uniform(0.8, 0.95))
    budget_max = max(budget_min, amount(rng.uniform(1.05, 1.25)))

    reference = f"{reference_prefix}{index:0{REQUEST_REFERENCE_DIGITS}d}"
    required = ", ".join(certification_names[slug] for slug in certifications)
    if in_spanish:
        description = (
            f"{company_name} busca un equipo de {team_size} personas durante {duration_weeks} "
            f"semanas para {scope_es}. Habilidades: {', '.join(s.es for s in skills)}. "
            + (f"Requisito: {required}. " if required else "")
            + f"Idiomas de trabajo: {_language_list(languages, 'es')}.\n\nReferencia: {reference}"
        )
    else:
        description = (
            f"{company_name} is looking for a team of {team_size} for {duration_weeks} weeks "
            f"to {scope_en}. Skills: {', '.join(s.en for s in skills)}. "
            + (f"Required: {required}. " if required else "")
            + f"Working languages: {_language_list(languages, 'en')}.\n\nReference: {reference}"
        )
    return DemoRequest(
        title=title_es if in_spanish else title_en,
        description=description,
        skills=[skill.slug for skill in skills],
        required_certifications=certifications,
        budget_min=budget_min,
        budget_max=budget_max,
        currency=currency,
        team_size=team_size,
        duration_weeks=duration_weeks,
        languages=languages,
        language="es" if in_spanish else "en",
    )


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _domain(name: str) -> str:
    words = re.sub(r"[^a-z0-9 ]", "", _ascii(name).lower()).split()
    return "".join(word for word in words if word not in {"inc", "ltd", "sa", "de", "cv"})


# A request as buyers write it: filed under the generic sector while the text asks for a betting
# app, in Spanish without accents. The demo's ranking reads it as sports betting and says so.
MISFILED_REQUEST = {
    "title": "App de apuestas con momios en tiempo real",
    "description": (
        "hola, ocupamos una app de apuestas deportivas para nuestros clientes: momios en tiempo "
        "real, apuestas en vivo y cuentas de jugador. equipo de 6 por 16 semanas, urge."
    ),
    "sector": "software-development",
    "budget_min": Decimal("6000000"),
    "budget_max": Decimal("8000000"),
    "currency": "MXN",
    "team_size": 6,
    "duration_weeks": 16,
    "languages": ["es", "en"],
}

# The organisations behind the demo accounts: hand-written, so a demo always starts from them.
SHOWCASE_COMPANY = {
    "slug": "grupo-casino-azteca",
    "name": "Grupo Casino Azteca, S.A. de C.V.",
    "rfc": company_rfc("Grupo Casino Azteca", founded=date(2008, 4, 15), homoclave="H7"),
    "state": "CMX",
    "city": "Ciudad de México",
    "description": (
        "Operador de casinos y apuestas deportivas en línea con permiso de la Secretaría de "
        "Gobernación. Buscamos socios canadienses para plataformas de juego, pagos y ciberseguridad."
    ),
    "website": "https://www.casinoazteca.com.mx",
    "verified": True,
}
SHOWCASE_COMPANY_KIND = "casino"
SHOWCASE_VENDORS = {
    "approved": {
        "slug": "true-north-gaming-labs",
        "name": "True North Gaming Labs Inc.",
        "province": "ON",
        "city": "Toronto",
        "team_size": 42,
        "hourly_rate_min": Decimal(95),
        "hourly_rate_max": Decimal(160),
        "languages": ["en", "fr", "es"],
        "business_number": business_number(99_999_999),  # an index no demo vendor reaches
        "website": "https://truenorthgaminglabs.ca",
        # In all three languages: every reader sees the vendor's own words in theirs.
        "description_en": (
            "True North Gaming Labs is a team of 42 in Toronto building online casino platforms, "
            "sportsbooks and player wallets for regulated markets, from Ontario to Latin America."
        ),
        "description_fr": (
            "True North Gaming Labs est une équipe de 42 personnes à Toronto spécialisée dans les "
            "plateformes de casino en ligne et de paris sportifs."
        ),
        "description_es": (
            "True North Gaming Labs es un equipo de 42 personas en Toronto que construye "
            "plataformas de casino en línea, casas de apuestas deportivas y billeteras de "
            "jugadores para mercados regulados. Atendemos a clientes en México en español."
        ),
        "skills": [
            "casino-platform",
            "player-account-management",
            "responsible-gaming",
            "sportsbook",
            "odds-feeds",
            "kubernetes",
        ],
        "certifications": ["agco-registered", "gli-certified"],
        "expertise": [("igaming", 5, 12), ("sports-betting", 4, 8), ("lottery", 2, 3)],
        "status": "approved",
    },
    "pending": {
        "slug": "studio-pixel-boreal",
        "name": "Studio Pixel Boréal inc.",
        "province": "QC",
        "city": "Montréal",
        "team_size": 9,
        "hourly_rate_min": Decimal(80),
        "hourly_rate_max": Decimal(125),
        "languages": ["fr", "en"],
        "business_number": "",
        "website": "https://pixelboreal.ca",
        # French and English only: a Spanish reader is shown the English one, and told so.
        "description_fr": (
            "Studio Pixel Boréal est une équipe de 9 personnes à Montréal spécialisée dans les "
            "expériences de réalité virtuelle et augmentée avec Unity et Unreal Engine."
        ),
        "description_en": (
            "Studio Pixel Boréal is a team of 9 in Montréal building VR and AR experiences."
        ),
        "skills": ["unity", "unreal-engine", "webxr", "3d-modeling"],
        "certifications": [],
        "expertise": [("vr-ar", 4, 6)],
        "status": "pending",
    },
}
# (username, role, organisation: "company" or a SHOWCASE_VENDORS key); "admin" comes first.
DEMO_ACCOUNTS = (
    ("ana", "owner", "company"),
    ("bruno", "member", "company"),
    ("victor", "owner", "approved"),
    ("paulette", "owner", "pending"),
)
