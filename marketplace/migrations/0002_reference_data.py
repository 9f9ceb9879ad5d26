"""Reference data every installation starts with: sectors, their relations, skills (with the
English, Spanish and French ways buyers write them), certifications and exchange rates.

Staff edit all of it in the admin afterwards; this migration only creates rows that are missing.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

# slug: (English, Spanish, French)
SECTORS = {
    "igaming": ("Online casino (iGaming)", "Casino en línea (iGaming)", "Casino en ligne (iGaming)"),
    "sports-betting": ("Sports betting", "Apuestas deportivas", "Paris sportifs"),
    "lottery": ("Lottery", "Lotería", "Loterie"),
    "ai-ml": ("AI and machine learning", "IA y aprendizaje automático", "IA et apprentissage automatique"),
    "blockchain": ("Blockchain", "Blockchain", "Chaîne de blocs"),
    "vr-ar": ("Virtual and augmented reality", "Realidad virtual y aumentada", "Réalité virtuelle et augmentée"),
    "cybersecurity": ("Cybersecurity", "Ciberseguridad", "Cybersécurité"),
    "cloud-devops": ("Cloud and DevOps", "Nube y DevOps", "Infonuagique et DevOps"),
    "fintech-payments": ("Fintech and payments", "Fintech y pagos", "Technologie financière et paiements"),
    "software-development": ("Custom software development", "Desarrollo de software a la medida", "Développement logiciel sur mesure"),
    "it-support": ("IT support and managed services", "Soporte de TI y servicios administrados", "Soutien informatique et services gérés"),
    "data-analytics": ("Data and analytics", "Datos y analítica", "Données et analytique"),
    "ecommerce": ("E-commerce", "Comercio electrónico", "Commerce électronique"),
}

# (sector, related sector, strength): expertise in the related sector counts for the sector.
# Directed: a casino platform team can build a VR casino, not the reverse.
RELATIONS = [
    ("igaming", "sports-betting", "0.60"),
    ("igaming", "lottery", "0.60"),
    ("igaming", "fintech-payments", "0.50"),
    ("sports-betting", "igaming", "0.60"),
    ("lottery", "igaming", "0.60"),
    ("vr-ar", "igaming", "0.50"),
    ("ai-ml", "data-analytics", "0.60"),
    ("data-analytics", "ai-ml", "0.60"),
    ("blockchain", "fintech-payments", "0.60"),
    ("fintech-payments", "blockchain", "0.50"),
    ("fintech-payments", "cybersecurity", "0.50"),
    ("fintech-payments", "ecommerce", "0.50"),
    ("cybersecurity", "fintech-payments", "0.50"),
    ("cybersecurity", "cloud-devops", "0.50"),
    ("cloud-devops", "cybersecurity", "0.50"),
    ("cloud-devops", "software-development", "0.50"),
    ("software-development", "cloud-devops", "0.50"),
    ("software-development", "ecommerce", "0.50"),
    ("ecommerce", "software-development", "0.50"),
    ("ecommerce", "fintech-payments", "0.50"),
    ("it-support", "cloud-devops", "0.50"),
]

# slug: (sector, English, Spanish, French, [aliases in any language, lower case])
SKILLS = {
    # Online casino
    "casino-platform": ("igaming", "Casino platform", "Plataforma de casino", "Plateforme de casino", ["online casino", "casino platform", "casino en línea", "plataforma de casino", "casino en ligne"]),
    "slot-development": ("igaming", "Slot game development", "Desarrollo de tragamonedas", "Développement de machines à sous", ["slot games", "slot game", "slots", "tragamonedas", "máquinas tragamonedas", "juegos de tragamonedas", "machines à sous"]),
    "live-dealer": ("igaming", "Live dealer", "Crupier en vivo", "Croupier en direct", ["live dealer", "live dealer tables", "live casino", "crupier en vivo", "mesas con crupier en vivo", "casino en vivo", "croupier en direct"]),
    "game-integration": ("igaming", "Game integration and aggregation", "Integración de juegos", "Intégration de jeux", ["game aggregation", "game integration", "table game integration", "agregación de juegos", "integración de juegos", "agrégation de jeux", "intégration de jeux"]),
    "player-account-management": ("igaming", "Player accounts and wallets", "Cuentas de jugadores", "Comptes joueurs", ["player accounts", "player account management", "player wallets", "pam", "gestión de cuentas de jugadores", "cuentas de jugadores", "billeteras de jugadores", "monederos de jugadores", "comptes joueurs", "gestion des comptes joueurs"]),
    "responsible-gaming": ("igaming", "Responsible gaming", "Juego responsable", "Jeu responsable", ["responsible gaming", "responsible gambling", "juego responsable", "jeu responsable"]),
    # Sports betting
    "sportsbook": ("sports-betting", "Sportsbook", "Casa de apuestas deportivas", "Plateforme de paris sportifs", ["sportsbook", "sports betting", "betting platform", "casa de apuestas deportivas", "casa de apuestas", "apuestas deportivas", "paris sportifs", "plateforme de paris"]),
    "odds-feeds": ("sports-betting", "Odds feeds", "Momios en vivo", "Flux de cotes", ["odds feeds", "live odds", "momios", "momios en vivo", "cuotas en vivo", "cotes", "flux de cotes", "cotes en direct"]),
    "in-play-betting": ("sports-betting", "In-play betting", "Apuestas en vivo", "Paris en direct", ["in-play betting", "in-play", "live betting", "apuestas en directo", "apuestas en vivo", "apuestas en directo durante el partido", "paris en direct", "paris en cours de match"]),
    "risk-management": ("sports-betting", "Trading and risk management", "Gestión de riesgo", "Gestion des risques", ["risk management", "trading risk", "gestión de riesgo", "gestión de riesgos", "gestion des risques"]),
    # Lottery
    "lottery-systems": ("lottery", "Lottery systems", "Sistemas de lotería", "Systèmes de loterie", ["lottery systems", "lottery system", "lottery platform", "sistema de lotería", "sistemas de lotería", "système de loterie", "systèmes de loterie"]),
    "draw-management": ("lottery", "Draw management", "Gestión de sorteos", "Gestion des tirages", ["draw management", "lottery draws", "draw systems", "sorteos", "gestión de sorteos", "tirages", "gestion des tirages"]),
    "retail-terminals": ("lottery", "Retail terminals", "Terminales de venta", "Terminaux de vente", ["retail terminals", "retail terminal networks", "point of sale terminals", "terminales de venta", "terminales en puntos de venta", "puntos de venta", "terminaux de vente", "terminaux points de vente"]),
    "rng-certification": ("lottery", "Certified random number generation", "Generador de números aleatorios certificado", "Générateur de nombres aléatoires certifié", ["rng", "random number generation", "random number generator", "certified rng", "generador de números aleatorios", "números aleatorios", "générateur de nombres aléatoires", "nombres aléatoires"]),
    # AI
    "machine-learning": ("ai-ml", "Machine learning", "Aprendizaje automático", "Apprentissage automatique", ["machine learning", "ml models", "aprendizaje automático", "aprendizaje de máquina", "modelos de aprendizaje automático", "apprentissage automatique"]),
    "nlp": ("ai-ml", "Natural language processing", "Procesamiento de lenguaje natural", "Traitement du langage naturel", ["nlp", "natural language processing", "procesamiento de lenguaje natural", "traitement du langage naturel", "traitement automatique des langues"]),
    "computer-vision": ("ai-ml", "Computer vision", "Visión por computadora", "Vision par ordinateur", ["computer vision", "image recognition", "visión por computadora", "visión artificial", "vision par ordinateur"]),
    "mlops": ("ai-ml", "MLOps", "MLOps", "MLOps", ["mlops", "ml ops", "production mlops", "model deployment", "despliegue de modelos", "déploiement de modèles"]),
    "llm-applications": ("ai-ml", "LLM applications", "Aplicaciones con LLM", "Applications LLM", ["llm", "llms", "large language models", "generative ai", "chatbots", "ia generativa", "modelos de lenguaje", "ia générative", "grands modèles de langage"]),
    "recommendation-systems": ("ai-ml", "Recommendation systems", "Sistemas de recomendación", "Systèmes de recommandation", ["recommendation systems", "recommender systems", "recommendations", "sistemas de recomendación", "systèmes de recommandation"]),
    # Blockchain
    "smart-contracts": ("blockchain", "Smart contracts", "Contratos inteligentes", "Contrats intelligents", ["smart contracts", "smart contract", "contratos inteligentes", "contrato inteligente", "contrats intelligents"]),
    "solidity": ("blockchain", "Solidity", "Solidity", "Solidity", ["solidity", "evm"]),
    "web3": ("blockchain", "Web3 and dapps", "Web3 y dapps", "Web3 et dapps", ["web3", "dapps", "web3 dapps", "decentralized apps", "aplicaciones descentralizadas", "applications décentralisées"]),
    "nft": ("blockchain", "NFTs and tokens", "NFT y tokens", "NFT et jetons", ["nft", "nfts", "token development", "tokenization", "tokenización", "jetons", "tokenisation"]),
    "crypto-payments": ("blockchain", "Crypto payments", "Pagos con criptomonedas", "Paiements en cryptomonnaies", ["crypto payments", "crypto payment rails", "cryptocurrency payments", "pagos con criptomonedas", "pagos cripto", "criptomonedas", "paiements crypto", "cryptomonnaies"]),
    # VR / AR
    "unity": ("vr-ar", "Unity", "Unity", "Unity", ["unity", "unity3d"]),
    "unreal-engine": ("vr-ar", "Unreal Engine", "Unreal Engine", "Unreal Engine", ["unreal engine", "unreal", "ue5"]),
    "webxr": ("vr-ar", "WebXR", "Realidad virtual en el navegador", "WebXR", ["webxr", "web xr", "browser vr", "vr in the browser", "realidad virtual en el navegador", "realidad aumentada en el navegador", "réalité virtuelle dans le navigateur"]),
    "3d-modeling": ("vr-ar", "3D modeling", "Modelado 3D", "Modélisation 3D", ["3d modeling", "3d modelling", "3d assets", "modelado 3d", "modelos 3d", "modélisation 3d"]),
    # Cybersecurity
    "penetration-testing": ("cybersecurity", "Penetration testing", "Pruebas de penetración", "Tests d'intrusion", ["penetration testing", "pentesting", "pentest", "ethical hacking", "pruebas de penetración", "hackeo ético", "tests d'intrusion", "test d'intrusion"]),
    "soc-monitoring": ("cybersecurity", "SOC monitoring", "Monitoreo SOC", "Surveillance SOC", ["soc monitoring", "soc", "security operations", "24/7 security operations", "security operations center", "centro de operaciones de seguridad", "monitoreo de seguridad", "centre des opérations de sécurité"]),
    "iam": ("cybersecurity", "Identity and access management", "Gestión de identidades y accesos", "Gestion des identités et des accès", ["iam", "identity and access management", "identity management", "access management", "gestión de identidades", "gestión de identidades y accesos", "gestion des identités"]),
    "fraud-detection": ("cybersecurity", "Fraud detection", "Detección de fraude", "Détection de fraude", ["fraud detection", "anti-fraud", "antifraud", "detección de fraude", "prevención de fraude", "détection de fraude", "détection des fraudes"]),
    # Cloud and DevOps
    "aws": ("cloud-devops", "AWS", "AWS", "AWS", ["aws", "amazon web services"]),
    "azure": ("cloud-devops", "Microsoft Azure", "Microsoft Azure", "Microsoft Azure", ["azure", "microsoft azure"]),
    "gcp": ("cloud-devops", "Google Cloud", "Google Cloud", "Google Cloud", ["gcp", "google cloud", "google cloud platform"]),
    "kubernetes": ("cloud-devops", "Kubernetes", "Kubernetes", "Kubernetes", ["kubernetes", "k8s", "eks", "gke", "aks"]),
    "terraform": ("cloud-devops", "Terraform", "Terraform", "Terraform", ["terraform", "infrastructure as code", "infraestructura como código", "infrastructure en tant que code"]),
    "ci-cd": ("cloud-devops", "CI/CD", "Integración y entrega continuas", "Intégration et livraison continues", ["ci/cd", "ci cd", "continuous integration", "continuous delivery", "integración continua", "entrega continua", "intégration continue", "livraison continue"]),
    # Fintech
    "payment-gateway": ("fintech-payments", "Payment gateways", "Pasarelas de pago", "Passerelles de paiement", ["payment gateway", "payment gateways", "card processing", "checkout integration", "pasarela de pago", "pasarelas de pago", "procesamiento de tarjetas", "passerelle de paiement", "passerelles de paiement"]),
    "kyc-aml": ("fintech-payments", "KYC / AML", "KYC / PLD", "KYC / LBC", ["kyc", "aml", "kyc/aml", "know your customer", "anti-money laundering", "conoce a tu cliente", "prevención de lavado de dinero", "pld", "lutte contre le blanchiment"]),
    "open-banking": ("fintech-payments", "Open banking", "Banca abierta", "Système bancaire ouvert", ["open banking", "open banking apis", "banca abierta", "finanzas abiertas", "services bancaires ouverts"]),
    "pci-compliance": ("fintech-payments", "PCI compliance", "Cumplimiento PCI", "Conformité PCI", ["pci compliance", "pci compliant", "pci", "cumplimiento pci", "conformité pci"]),
    # Software development
    "python": ("software-development", "Python", "Python", "Python", ["python"]),
    "django": ("software-development", "Django", "Django", "Django", ["django"]),
    "nodejs": ("software-development", "Node.js", "Node.js", "Node.js", ["node.js", "nodejs", "node js"]),
    "react": ("software-development", "React", "React", "React", ["react", "react.js", "reactjs"]),
    "java": ("software-development", "Java", "Java", "Java", ["java", "spring boot"]),
    "dotnet": ("software-development", ".NET", ".NET", ".NET", [".net", "dotnet", "c#", "asp.net"]),
    "mobile-apps": ("software-development", "Mobile apps", "Aplicaciones móviles", "Applications mobiles", ["mobile apps", "mobile applications", "ios", "android", "aplicaciones móviles", "apps móviles", "applications mobiles"]),
    "qa-testing": ("software-development", "QA and test automation", "QA y pruebas automatizadas", "AQ et tests automatisés", ["qa", "qa automation", "quality assurance", "test automation", "pruebas automatizadas", "aseguramiento de calidad", "assurance qualité", "tests automatisés"]),
    # IT support
    "helpdesk": ("it-support", "Help desk", "Mesa de ayuda", "Centre d'assistance", ["help desk", "helpdesk", "service desk", "mesa de ayuda", "mesa de servicio", "soporte técnico", "centre d'assistance", "soutien technique"]),
    "managed-services": ("it-support", "Managed IT services", "Servicios administrados de TI", "Services informatiques gérés", ["managed services", "managed it services", "servicios administrados", "servicios administrados de ti", "servicios gestionados", "services gérés", "services informatiques gérés"]),
    "network-administration": ("it-support", "Network administration", "Administración de redes", "Administration réseau", ["network administration", "networking", "network operations", "administración de redes", "administration réseau", "administration des réseaux"]),
    # Data
    "data-engineering": ("data-analytics", "Data engineering", "Ingeniería de datos", "Ingénierie des données", ["data engineering", "data pipelines", "ingeniería de datos", "canalizaciones de datos", "ingénierie des données", "pipelines de données"]),
    "etl": ("data-analytics", "ETL", "ETL", "ETL", ["etl", "etl jobs", "elt", "extract transform load", "procesos etl", "flujos etl"]),
    "bi-dashboards": ("data-analytics", "BI dashboards", "Tableros de inteligencia de negocios", "Tableaux de bord BI", ["bi dashboards", "business intelligence", "dashboards", "power bi", "tableau", "inteligencia de negocios", "tableros", "tableros de control", "intelligence d'affaires", "tableaux de bord"]),
    "data-warehousing": ("data-analytics", "Data warehousing", "Almacenes de datos", "Entrepôts de données", ["data warehouse", "data warehousing", "warehouses", "snowflake", "bigquery", "almacén de datos", "almacenes de datos", "entrepôt de données", "entrepôts de données"]),
    # E-commerce
    "shopify": ("ecommerce", "Shopify", "Shopify", "Shopify", ["shopify"]),
    "magento": ("ecommerce", "Magento", "Magento", "Magento", ["magento", "adobe commerce"]),
    "marketplaces": ("ecommerce", "Multi-vendor marketplaces", "Marketplaces multivendedor", "Places de marché multivendeurs", ["marketplace", "marketplaces", "multi-vendor marketplace", "multi-vendor marketplaces", "mercado en línea", "mercado en línea con varios vendedores", "marketplace multivendedor", "place de marché"]),
}

# slug: (name, issuer, sectors)
CERTIFICATIONS = {
    "agco-registered": ("AGCO registered gaming supplier", "Alcohol and Gaming Commission of Ontario", ["igaming", "sports-betting", "lottery"]),
    "gli-certified": ("GLI certified", "Gaming Laboratories International", ["igaming", "sports-betting", "lottery"]),
    "kahnawake-licensed": ("Kahnawake Gaming Commission licence", "Kahnawake Gaming Commission", ["igaming", "sports-betting"]),
    "iso-27001": ("ISO/IEC 27001", "International Organization for Standardization", ["cybersecurity", "cloud-devops", "fintech-payments", "it-support"]),
    "soc-2": ("SOC 2 Type II", "AICPA", ["cybersecurity", "cloud-devops", "fintech-payments", "data-analytics"]),
    "pci-dss": ("PCI DSS", "PCI Security Standards Council", ["fintech-payments", "ecommerce"]),
}

# Reference rates (CAD per unit) from 2025-01-01; staff add dated rows as rates move.
EXCHANGE_RATES = {"CAD": "1", "MXN": "0.0750", "USD": "1.3900"}
RATES_VALID_FROM = date(2025, 1, 1)


def load_reference_data(apps, schema_editor):
    Sector = apps.get_model("marketplace", "Sector")
    SectorRelation = apps.get_model("marketplace", "SectorRelation")
    Skill = apps.get_model("marketplace", "Skill")
    Certification = apps.get_model("marketplace", "Certification")
    ExchangeRate = apps.get_model("marketplace", "ExchangeRate")

    sectors = {}
    for slug, (name, name_es, name_fr) in SECTORS.items():
        sectors[slug], _ = Sector.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_es": name_es, "name_fr": name_fr}
        )
    for sector, related, strength in RELATIONS:
        SectorRelation.objects.get_or_create(
            sector=sectors[sector], related=sectors[related], defaults={"strength": Decimal(strength)}
        )
    for slug, (sector, name, name_es, name_fr, aliases) in SKILLS.items():
        Skill.objects.get_or_create(
            slug=slug,
            defaults={
                "sector": sectors[sector],
                "name": name,
                "name_es": name_es,
                "name_fr": name_fr,
                "aliases": aliases,
            },
        )
    for slug, (name, issuer, sector_slugs) in CERTIFICATIONS.items():
        certification, created = Certification.objects.get_or_create(
            slug=slug, defaults={"name": name, "issuer": issuer}
        )
        if created:
            certification.sectors.set([sectors[s] for s in sector_slugs])
    for currency, rate in EXCHANGE_RATES.items():
        ExchangeRate.objects.get_or_create(
            currency=currency, valid_from=RATES_VALID_FROM, defaults={"rate_to_cad": Decimal(rate)}
        )


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
