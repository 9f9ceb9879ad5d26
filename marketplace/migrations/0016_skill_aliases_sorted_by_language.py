"""The seeded aliases (0002) move to their language's list, and every reference skill gets the
slang, abbreviations and phrasings buyers and vendors write in each language.

`SEEDED` is 0002's aliases sorted by hand (acronyms and product names written the same in every
language, "k8s", "aws", count as English). An alias a skill has that is in neither table was
added by staff and stays where it is, in `aliases` (a skill's alias found in a table goes to
that language, so migrating back and forth again sorts the same). A seeded alias staff removed is not put
back; an added one whose words another skill already uses (a name, an alias staff gave it) is
left out, since a phrase may belong to one skill only. Going back joins the three lists.
"""

import re
import unicodedata

from django.db import migrations

# slug: (English, Spanish, French) — 0002's aliases, each in the language it is written in.
SEEDED = {
    "casino-platform": (["online casino", "casino platform"], ["casino en línea", "plataforma de casino"], ["casino en ligne"]),
    "slot-development": (["slot games", "slot game", "slots"], ["tragamonedas", "máquinas tragamonedas", "juegos de tragamonedas"], ["machines à sous"]),
    "live-dealer": (["live dealer", "live dealer tables", "live casino"], ["crupier en vivo", "mesas con crupier en vivo", "casino en vivo"], ["croupier en direct"]),
    "game-integration": (["game aggregation", "game integration", "table game integration"], ["agregación de juegos", "integración de juegos"], ["agrégation de jeux", "intégration de jeux"]),
    "player-account-management": (["player accounts", "player account management", "player wallets", "pam"], ["gestión de cuentas de jugadores", "cuentas de jugadores", "billeteras de jugadores", "monederos de jugadores"], ["comptes joueurs", "gestion des comptes joueurs"]),
    "responsible-gaming": (["responsible gaming", "responsible gambling"], ["juego responsable"], ["jeu responsable"]),
    "sportsbook": (["sportsbook", "sports betting", "betting platform"], ["casa de apuestas deportivas", "casa de apuestas", "apuestas deportivas"], ["paris sportifs", "plateforme de paris"]),
    "odds-feeds": (["odds feeds", "live odds"], ["momios", "momios en vivo", "cuotas en vivo"], ["cotes", "flux de cotes", "cotes en direct"]),
    "in-play-betting": (["in-play betting", "in-play", "live betting"], ["apuestas en directo", "apuestas en vivo", "apuestas en directo durante el partido"], ["paris en direct", "paris en cours de match"]),
    "risk-management": (["risk management", "trading risk"], ["gestión de riesgo", "gestión de riesgos"], ["gestion des risques"]),
    "lottery-systems": (["lottery systems", "lottery system", "lottery platform"], ["sistema de lotería", "sistemas de lotería"], ["système de loterie", "systèmes de loterie"]),
    "draw-management": (["draw management", "lottery draws", "draw systems"], ["sorteos", "gestión de sorteos"], ["tirages", "gestion des tirages"]),
    "retail-terminals": (["retail terminals", "retail terminal networks", "point of sale terminals"], ["terminales de venta", "terminales en puntos de venta", "puntos de venta"], ["terminaux de vente", "terminaux points de vente"]),
    "rng-certification": (["rng", "random number generation", "random number generator", "certified rng"], ["generador de números aleatorios", "números aleatorios"], ["générateur de nombres aléatoires", "nombres aléatoires"]),
    "machine-learning": (["machine learning", "ml models"], ["aprendizaje automático", "aprendizaje de máquina", "modelos de aprendizaje automático"], ["apprentissage automatique"]),
    "nlp": (["nlp", "natural language processing"], ["procesamiento de lenguaje natural"], ["traitement du langage naturel", "traitement automatique des langues"]),
    "computer-vision": (["computer vision", "image recognition"], ["visión por computadora", "visión artificial"], ["vision par ordinateur"]),
    "mlops": (["mlops", "ml ops", "production mlops", "model deployment"], ["despliegue de modelos"], ["déploiement de modèles"]),
    "llm-applications": (["llm", "llms", "large language models", "generative ai", "chatbots"], ["ia generativa", "modelos de lenguaje"], ["ia générative", "grands modèles de langage"]),
    "recommendation-systems": (["recommendation systems", "recommender systems", "recommendations"], ["sistemas de recomendación"], ["systèmes de recommandation"]),
    "smart-contracts": (["smart contracts", "smart contract"], ["contratos inteligentes", "contrato inteligente"], ["contrats intelligents"]),
    "solidity": (["solidity", "evm"], [], []),
    "web3": (["web3", "dapps", "web3 dapps", "decentralized apps"], ["aplicaciones descentralizadas"], ["applications décentralisées"]),
    "nft": (["nft", "nfts", "token development", "tokenization"], ["tokenización"], ["jetons", "tokenisation"]),
    "crypto-payments": (["crypto payments", "crypto payment rails", "cryptocurrency payments"], ["pagos con criptomonedas", "pagos cripto", "criptomonedas"], ["paiements crypto", "cryptomonnaies"]),
    "unity": (["unity", "unity3d"], [], []),
    "unreal-engine": (["unreal engine", "unreal", "ue5"], [], []),
    "webxr": (["webxr", "web xr", "browser vr", "vr in the browser"], ["realidad virtual en el navegador", "realidad aumentada en el navegador"], ["réalité virtuelle dans le navigateur"]),
    "3d-modeling": (["3d modeling", "3d modelling", "3d assets"], ["modelado 3d", "modelos 3d"], ["modélisation 3d"]),
    "penetration-testing": (["penetration testing", "pentesting", "pentest", "ethical hacking"], ["pruebas de penetración", "hackeo ético"], ["tests d'intrusion", "test d'intrusion"]),
    "soc-monitoring": (["soc monitoring", "soc", "security operations", "24/7 security operations", "security operations center"], ["centro de operaciones de seguridad", "monitoreo de seguridad"], ["centre des opérations de sécurité"]),
    "iam": (["iam", "identity and access management", "identity management", "access management"], ["gestión de identidades", "gestión de identidades y accesos"], ["gestion des identités"]),
    "fraud-detection": (["fraud detection", "anti-fraud", "antifraud"], ["detección de fraude", "prevención de fraude"], ["détection de fraude", "détection des fraudes"]),
    "aws": (["aws", "amazon web services"], [], []),
    "azure": (["azure", "microsoft azure"], [], []),
    "gcp": (["gcp", "google cloud", "google cloud platform"], [], []),
    "kubernetes": (["kubernetes", "k8s", "eks", "gke", "aks"], [], []),
    "terraform": (["terraform", "infrastructure as code"], ["infraestructura como código"], ["infrastructure en tant que code"]),
    "ci-cd": (["ci/cd", "ci cd", "continuous integration", "continuous delivery"], ["integración continua", "entrega continua"], ["intégration continue", "livraison continue"]),
    "payment-gateway": (["payment gateway", "payment gateways", "card processing", "checkout integration"], ["pasarela de pago", "pasarelas de pago", "procesamiento de tarjetas"], ["passerelle de paiement", "passerelles de paiement"]),
    "kyc-aml": (["kyc", "aml", "kyc/aml", "know your customer", "anti-money laundering"], ["conoce a tu cliente", "prevención de lavado de dinero", "pld"], ["lutte contre le blanchiment"]),
    "open-banking": (["open banking", "open banking apis"], ["banca abierta", "finanzas abiertas"], ["services bancaires ouverts"]),
    "pci-compliance": (["pci compliance", "pci compliant", "pci"], ["cumplimiento pci"], ["conformité pci"]),
    "python": (["python"], [], []),
    "django": (["django"], [], []),
    "nodejs": (["node.js", "nodejs", "node js"], [], []),
    "react": (["react", "react.js", "reactjs"], [], []),
    "java": (["java", "spring boot"], [], []),
    "dotnet": ([".net", "dotnet", "c#", "asp.net"], [], []),
    "mobile-apps": (["mobile apps", "mobile applications", "ios", "android"], ["aplicaciones móviles", "apps móviles"], ["applications mobiles"]),
    "qa-testing": (["qa", "qa automation", "quality assurance", "test automation"], ["pruebas automatizadas", "aseguramiento de calidad"], ["assurance qualité", "tests automatisés"]),
    "helpdesk": (["help desk", "helpdesk", "service desk"], ["mesa de ayuda", "mesa de servicio", "soporte técnico"], ["centre d'assistance", "soutien technique"]),
    "managed-services": (["managed services", "managed it services"], ["servicios administrados", "servicios administrados de ti", "servicios gestionados"], ["services gérés", "services informatiques gérés"]),
    "network-administration": (["network administration", "networking", "network operations"], ["administración de redes"], ["administration réseau", "administration des réseaux"]),
    "data-engineering": (["data engineering", "data pipelines"], ["ingeniería de datos", "canalizaciones de datos"], ["ingénierie des données", "pipelines de données"]),
    "etl": (["etl", "etl jobs", "elt", "extract transform load"], ["procesos etl", "flujos etl"], []),
    "bi-dashboards": (["bi dashboards", "business intelligence", "dashboards", "power bi", "tableau"], ["inteligencia de negocios", "tableros", "tableros de control"], ["intelligence d'affaires", "tableaux de bord"]),
    "data-warehousing": (["data warehouse", "data warehousing", "warehouses", "snowflake", "bigquery"], ["almacén de datos", "almacenes de datos"], ["entrepôt de données", "entrepôts de données"]),
    "shopify": (["shopify"], [], []),
    "magento": (["magento", "adobe commerce"], [], []),
    "marketplaces": (["marketplace", "marketplaces", "multi-vendor marketplace", "multi-vendor marketplaces"], ["mercado en línea", "mercado en línea con varios vendedores", "marketplace multivendedor"], ["place de marché"]),
}

# slug: (English, Spanish, French) — what people also write: slang, abbreviations, singulars
# and plurals, the Mexican and Québécois words (momios, bodega de datos; infonuagique, vision
# numérique). Each means that skill and no other, and none is a common word on its own: "app",
# "nube", "pagos", "datos" or "tienda en línea" (any e-commerce, not Shopify or a marketplace)
# would drag the wrong skill into a request.
ADDED = {
    "casino-platform": (
        ["casino software", "igaming platform", "online casino platform", "turnkey casino", "white-label casino"],
        ["casino online", "casino digital", "software de casino", "casino llave en mano", "casino de marca blanca"],
        ["plateforme de casino en ligne", "logiciel de casino", "casino clé en main", "casino en marque blanche"],
    ),
    "slot-development": (
        ["slot machines", "slot machine", "video slots", "online slots"],
        ["maquinitas", "slots en línea", "desarrollo de slots", "juegos de slots"],
        ["machine à sous", "machines à sous en ligne", "jeux de machines à sous"],
    ),
    "live-dealer": (
        ["live dealers", "live table games", "live roulette", "live blackjack"],
        ["crupieres en vivo", "dealer en vivo", "mesas en vivo", "ruleta en vivo", "blackjack en vivo"],
        ["croupiers en direct", "casino en direct", "tables en direct", "roulette en direct", "blackjack en direct"],
    ),
    "game-integration": (
        ["game aggregator", "casino aggregator", "remote game server", "games api"],
        ["agregador de juegos", "integración de proveedores de juegos", "api de juegos"],
        ["agrégateur de jeux", "intégration de fournisseurs de jeux"],
    ),
    "player-account-management": (
        ["player account", "player wallet", "seamless wallet", "player management system"],
        ["cuentas de jugador", "cuenta de jugador", "monedero de jugador", "monederos de jugador", "billetera del jugador", "wallet de jugadores", "gestión de jugadores", "registro de jugadores"],
        ["compte joueur", "portefeuille joueur", "portefeuilles des joueurs", "gestion des joueurs"],
    ),
    "responsible-gaming": (
        ["safer gambling", "player protection", "self-exclusion", "deposit limits", "problem gambling"],
        ["autoexclusión", "límites de depósito", "protección al jugador", "ludopatía", "juego problemático"],
        ["limites de dépôt", "protection des joueurs", "jeu problématique", "jeu compulsif"],
    ),
    "sportsbook": (
        ["sports betting platform", "sportsbook platform", "online sportsbook", "betting app", "betting apps", "bookmaker"],
        ["app de apuestas", "apps de apuestas", "aplicación de apuestas", "casa de apuestas en línea", "apuestas deportivas en línea"],
        ["site de paris sportifs", "application de paris", "application de paris sportifs", "paris sportifs en ligne", "preneur aux livres"],
    ),
    "odds-feeds": (
        ["odds feed", "odds data", "odds api", "sports data feed", "sports data feeds"],
        ["momios en tiempo real", "feed de momios", "feeds de momios", "proveedor de momios", "cuotas en tiempo real"],
        ["flux de cotes en direct", "cotes en temps réel", "fournisseur de cotes"],
    ),
    "in-play-betting": (
        ["in-game betting", "live wagering", "in-play markets", "live bets"],
        ["apuestas durante el partido", "apuestas en tiempo real"],
        ["paris en cours de jeu", "paris en temps réel", "paris pendant le match"],
    ),
    "risk-management": (
        ["sportsbook trading", "trading and risk", "odds compiling", "betting risk"],
        ["administración de riesgos", "gestión de riesgos de apuestas", "trading deportivo"],
        ["gestion du risque", "gestion des risques de paris", "trading sportif"],
    ),
    "lottery-systems": (
        ["lottery software", "online lottery", "ilottery"],
        ["lotería en línea", "lotería electrónica", "plataforma de lotería", "software de lotería"],
        ["loterie en ligne", "plateforme de loterie", "logiciel de loterie"],
    ),
    "draw-management": (
        ["draw engine", "lottery draw", "prize draws", "draw results"],
        ["sistema de sorteos", "motor de sorteos", "sorteos electrónicos", "resultados de sorteos"],
        ["système de tirage", "tirages au sort", "moteur de tirage", "résultats des tirages"],
    ),
    "retail-terminals": (
        ["pos terminals", "lottery terminals", "lottery kiosks"],
        ["terminales punto de venta", "terminales pos", "terminales de lotería"],
        ["terminaux de loterie", "terminaux pdv"],
    ),
    "rng-certification": (
        ["rngs", "random number generators", "prng", "rng testing", "provably fair"],
        ["generadores de números aleatorios", "certificación rng", "generador aleatorio"],
        ["générateurs de nombres aléatoires", "certification rng", "générateur aléatoire"],
    ),
    "machine-learning": (
        ["ml", "ml engineering", "deep learning", "neural networks", "predictive models", "predictive modeling"],
        ["modelos predictivos", "aprendizaje profundo", "redes neuronales", "modelos de machine learning"],
        ["apprentissage machine", "apprentissage profond", "réseaux de neurones", "modèles prédictifs"],
    ),
    "nlp": (
        ["text analytics", "text classification", "sentiment analysis", "named entity recognition"],
        ["pln", "procesamiento del lenguaje natural", "análisis de sentimiento", "análisis de texto"],
        ["traitement automatique du langage", "analyse de sentiments", "analyse de texte"],
    ),
    "computer-vision": (
        ["object detection", "image processing", "video analytics", "facial recognition", "face recognition", "ocr"],
        ["visión computacional", "reconocimiento de imágenes", "reconocimiento facial", "detección de objetos", "procesamiento de imágenes"],
        ["vision numérique", "vision artificielle", "reconnaissance d'images", "reconnaissance faciale", "détection d'objets"],
    ),
    "mlops": (
        ["ml pipelines", "model serving", "model monitoring", "ml platform", "ml infrastructure"],
        ["puesta en producción de modelos", "monitoreo de modelos", "operaciones de ml"],
        ["mise en production de modèles", "surveillance des modèles"],
    ),
    "llm-applications": (
        ["genai", "gen ai", "chatgpt", "gpt", "rag", "retrieval augmented generation", "ai chatbot", "ai agents", "ai assistants", "llm apps", "prompt engineering", "large language model"],
        ["inteligencia artificial generativa", "chatbot con ia", "chatbots con ia", "agentes de ia", "bots conversacionales", "grandes modelos de lenguaje"],
        ["intelligence artificielle générative", "agent conversationnel", "agents conversationnels", "robot conversationnel", "assistants ia"],
    ),
    "recommendation-systems": (
        ["recommendation engine", "recommendation engines", "recommender", "recsys", "personalization engine"],
        ["motor de recomendaciones", "motor de recomendación", "sistema de recomendación", "recomendaciones personalizadas"],
        ["moteur de recommandation", "moteur de recommandations", "système de recommandation", "recommandations personnalisées"],
    ),
    "smart-contracts": (
        ["smart contract development", "smart contract audit", "smart contract audits"],
        ["desarrollo de contratos inteligentes", "auditoría de contratos inteligentes"],
        ["contrat intelligent", "développement de contrats intelligents", "audit de contrats intelligents"],
    ),
    "solidity": (
        ["solidity developer", "solidity developers"],
        ["desarrollador solidity", "desarrolladores solidity"],
        ["développeur solidity", "développeurs solidity"],
    ),
    "web3": (
        ["dapp", "defi protocols", "defi apps", "decentralized applications", "decentralised applications", "decentralized finance", "web 3"],
        ["aplicación descentralizada", "finanzas descentralizadas", "web 3.0"],
        ["application décentralisée", "finance décentralisée"],
    ),
    "nft": (
        ["non-fungible tokens", "nft collection", "nft minting", "erc-721", "erc-1155", "erc-20", "token launch", "digital collectibles"],
        ["tokens no fungibles", "token no fungible", "coleccionables digitales", "emisión de tokens"],
        ["jetons non fongibles", "jeton non fongible", "émission de jetons"],
    ),
    "crypto-payments": (
        ["crypto payment", "cryptocurrency payment", "stablecoin payments", "bitcoin payments", "crypto checkout", "accept crypto", "crypto payouts"],
        ["pagos en criptomonedas", "pagos con cripto", "cobros en cripto", "cobros con criptomonedas", "pagos con bitcoin", "pagos con stablecoins"],
        ["paiements en cryptomonnaie", "paiement en cryptomonnaie", "paiements en crypto-monnaies", "paiements en bitcoin"],
    ),
    "unity": (
        ["unity 3d", "unity engine", "unity developer", "unity developers"],
        ["desarrollador unity", "desarrollo en unity"],
        ["développeur unity", "développement unity"],
    ),
    "unreal-engine": (
        ["ue4", "unreal engine 5", "unreal developer"],
        ["desarrollo en unreal"],
        ["développement unreal"],
    ),
    "webxr": (
        ["webvr", "web vr", "webar", "web ar", "browser ar", "ar in the browser"],
        ["realidad virtual web", "realidad aumentada web"],
        ["réalité augmentée dans le navigateur", "réalité virtuelle web", "réalité augmentée web"],
    ),
    "3d-modeling": (
        ["3d models", "3d modeler", "3d modelers", "3d artists", "3d art", "3ds max"],
        ["modelado en 3d", "modelos en 3d", "modelado tridimensional", "diseño 3d", "artistas 3d"],
        ["modèles 3d", "modélisation en 3d", "conception 3d", "artistes 3d"],
    ),
    "penetration-testing": (
        ["pen test", "pen tests", "pen testing", "pentests", "penetration test", "penetration tests", "pentester", "pentesters", "ethical hackers"],
        ["prueba de penetración", "pruebas de intrusión", "hacking ético", "hackers éticos"],
        ["tests de pénétration", "test de pénétration", "piratage éthique"],
    ),
    "soc-monitoring": (
        ["secops", "sec ops", "siem", "managed detection and response", "mdr", "security monitoring", "soc as a service", "threat monitoring"],
        ["centro de operaciones de ciberseguridad", "monitoreo de ciberseguridad", "monitoreo de amenazas", "operaciones de seguridad"],
        ["centre d'opérations de sécurité", "surveillance de la sécurité", "surveillance des menaces", "opérations de sécurité"],
    ),
    "iam": (
        ["sso", "single sign-on", "mfa", "multi-factor authentication", "two-factor authentication", "2fa", "okta", "privileged access management"],
        ["inicio de sesión único", "autenticación multifactor", "autenticación de dos factores", "gestión de accesos"],
        ["authentification unique", "authentification multifacteur", "authentification à deux facteurs", "gestion des accès"],
    ),
    "fraud-detection": (
        ["fraud prevention", "fraud monitoring", "fraud scoring", "chargeback prevention", "bonus abuse"],
        ["antifraude", "anti-fraude", "detección de fraudes", "prevención de fraudes", "prevención de contracargos"],
        ["détection de la fraude", "prévention de la fraude", "prévention des fraudes", "lutte contre la fraude"],
    ),
    "aws": (
        ["amazon aws", "aws cloud", "amazon cloud", "ec2", "aws lambda"],
        ["nube de amazon", "nube aws"],
        ["services web d'amazon", "nuage aws"],
    ),
    "azure": (
        ["ms azure", "azure cloud"],
        ["nube de microsoft", "nube azure"],
        ["nuage azure", "nuage microsoft"],
    ),
    "gcp": (
        ["google cloud services", "gcloud"],
        ["nube de google"],
        ["nuage google", "nuage de google"],
    ),
    "kubernetes": (
        ["openshift", "helm charts", "container orchestration", "k3s"],
        ["orquestación de contenedores"],
        ["orchestration de conteneurs"],
    ),
    "terraform": (
        ["iac", "infra as code", "opentofu"],
        [],
        ["infrastructure comme code", "infrastructure sous forme de code"],
    ),
    "ci-cd": (
        ["cicd", "ci pipelines", "cd pipelines", "build pipelines", "deployment pipelines", "continuous deployment", "github actions", "gitlab ci", "jenkins"],
        ["despliegue continuo", "integración y despliegue continuos", "automatización de despliegues"],
        ["déploiement continu", "intégration et déploiement continus", "automatisation des déploiements"],
    ),
    "payment-gateway": (
        ["payment processing", "payment processor", "card payments", "online payments", "payment integration", "psp", "stripe", "adyen"],
        ["cobros en línea", "pagos en línea", "cobros con tarjeta", "pagos con tarjeta", "pasarela de pagos", "pasarelas de pagos", "procesador de pagos", "procesamiento de pagos", "botón de pago", "integración de pagos", "conekta", "openpay", "mercado pago", "pagos en oxxo"],
        ["passerelle de paiements", "paiements en ligne", "paiements par carte", "traitement des paiements", "processeur de paiement", "intégration de paiement", "moneris"],
    ),
    "kyc-aml": (
        ["aml/kyc", "aml compliance", "kyc checks", "kyc verification", "identity verification", "id verification", "sanctions screening", "pep screening", "fintrac"],
        ["kyc y pld", "pld/ft", "antilavado", "antilavado de dinero", "lavado de dinero", "prevención de lavado", "conozca a su cliente", "verificación de identidad", "validación de identidad"],
        ["lutte anti-blanchiment", "anti-blanchiment", "lutte contre le blanchiment d'argent", "blanchiment d'argent", "vérification kyc", "vérification d'identité", "connaissance du client", "lbc", "lbc/fat", "canafe"],
    ),
    "open-banking": (
        ["open finance", "banking apis", "account aggregation", "consumer-driven banking", "psd2"],
        ["apis bancarias", "agregación de cuentas bancarias"],
        ["services bancaires axés sur les consommateurs", "finance ouverte", "api bancaires"],
    ),
    "pci-compliance": (
        ["pci dss", "pci dss compliance", "pci audit", "cardholder data security"],
        ["certificación pci", "cumplimiento pci dss"],
        ["conformité pci dss", "certification pci"],
    ),
    "python": (
        ["python3", "fastapi", "python developer", "python developers"],
        ["desarrollador python", "desarrolladores python", "programación en python"],
        ["développeur python", "développeurs python", "programmation python"],
    ),
    "django": (
        ["django rest framework", "drf", "django developers"],
        ["desarrollador django", "desarrolladores django"],
        ["développeur django", "développeurs django"],
    ),
    "nodejs": (
        ["express.js", "expressjs", "nestjs", "node developers"],
        ["desarrollador node", "desarrolladores node.js"],
        ["développeur node.js", "développeurs node.js"],
    ),
    "react": (
        ["next.js", "nextjs", "react developer", "react developers"],
        ["desarrollador react", "desarrolladores react"],
        ["développeur react", "développeurs react"],
    ),
    "java": (
        ["java ee", "jakarta ee", "j2ee", "spring framework", "java developers"],
        ["desarrollador java", "desarrolladores java"],
        ["développeur java", "développeurs java"],
    ),
    "dotnet": (
        ["csharp", "c sharp", ".net core", "blazor"],
        ["desarrollador .net", "desarrolladores .net"],
        ["développeur .net", "développeurs .net"],
    ),
    # React Native builds phone apps: it means this skill (the text also names React).
    "mobile-apps": (
        ["mobile app", "mobile application", "mobile development", "ios app", "ios apps", "android app", "android apps", "iphone app", "iphone apps", "react native", "flutter"],
        ["app móvil", "aplicación móvil", "apps para celular", "app para celular", "aplicación para celular", "aplicaciones para celular", "desarrollo móvil"],
        ["application mobile", "app mobile", "apps mobiles", "appli mobile", "applis mobiles", "développement mobile"],
    ),
    "qa-testing": (
        ["qa engineers", "software testing", "automated testing", "automated tests", "regression testing", "end-to-end testing", "manual testing", "selenium", "cypress", "playwright"],
        ["pruebas de software", "control de calidad de software", "automatización de pruebas", "pruebas de regresión", "pruebas funcionales", "pruebas manuales", "testers"],
        ["aq", "tests logiciels", "assurance qualité logicielle", "automatisation des tests", "tests de régression", "tests fonctionnels", "tests manuels"],
    ),
    "helpdesk": (
        ["it help desk", "tech support", "end-user support", "tier 1 support", "support desk"],
        ["soporte a usuarios", "soporte de ti", "mesa de soporte", "soporte de primer nivel"],
        ["soutien informatique", "service d'assistance", "soutien aux utilisateurs", "support technique"],
    ),
    "managed-services": (
        ["msp", "managed service provider", "managed it", "outsourced it", "it managed services"],
        ["servicios gestionados de ti", "proveedor de servicios administrados", "ti administrada"],
        ["services ti gérés", "fournisseur de services gérés", "infogérance"],
    ),
    "network-administration": (
        ["network admin", "network engineering", "network management", "network infrastructure", "lan/wan", "sd-wan", "firewall management", "cisco"],
        ["administración de red", "administrador de redes", "infraestructura de red", "configuración de redes"],
        ["gestion de réseau", "gestion des réseaux", "administrateur réseau", "infrastructure réseau"],
    ),
    "data-engineering": (
        ["data pipeline", "data platform", "data engineers", "apache spark", "pyspark", "airflow", "kafka", "databricks", "streaming data"],
        ["ingenieros de datos", "pipelines de datos", "tuberías de datos", "plataforma de datos"],
        ["génie des données", "ingénieurs de données", "pipeline de données", "plateforme de données"],
    ),
    "etl": (
        ["data integration", "etl pipelines", "ssis", "talend", "fivetran"],
        ["integración de datos", "extracción, transformación y carga", "procesos de etl", "cargas etl"],
        ["intégration de données", "extraction, transformation et chargement", "processus etl", "flux etl"],
    ),
    "bi-dashboards": (
        ["kpi dashboard", "kpi dashboards", "bi reports", "data visualization", "data visualisation", "looker", "metabase", "qlik"],
        ["tablero", "tablero de control", "tablero de indicadores", "tableros de indicadores", "inteligencia de negocio", "visualización de datos", "reportes de bi"],
        ["tableau de bord", "informatique décisionnelle", "visualisation de données", "rapports bi"],
    ),
    "data-warehousing": (
        ["data warehouses", "data lake", "data lakes", "lakehouse", "redshift", "dwh"],
        ["bodega de datos", "bodegas de datos", "lago de datos"],
        ["lac de données", "lacs de données"],
    ),
    "shopify": (
        ["shopify plus", "shopify store", "shopify apps"],
        ["tienda shopify", "tienda en shopify"],
        ["boutique shopify"],
    ),
    "magento": (
        ["magento 2", "magento store"],
        ["tienda magento", "tienda en magento"],
        ["boutique magento"],
    ),
    "marketplaces": (
        ["multivendor marketplace", "multi-seller marketplace", "online marketplace", "two-sided marketplace", "marketplace platform"],
        ["plataforma multivendedor", "mercado multivendedor", "marketplace de vendedores"],
        ["places de marché", "place de marché en ligne", "plateforme multivendeur", "marketplace multivendeur"],
    ),
}

_SEPARATORS = re.compile(r"[^a-z0-9+#]+")


def words(phrase: str) -> tuple[str, ...]:
    """What matching reads of a phrase (`marketplace.matching.text.tokens` as of this
    migration, copied so the migration keeps meaning what it meant)."""
    spelled = (phrase or "").lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", spelled)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(word for word in _SEPARATORS.split(plain.replace("node.js", "nodejs")) if word)


def sort_aliases_by_language(apps, schema_editor):
    Skill = apps.get_model("marketplace", "Skill")
    skills = list(Skill.objects.order_by("slug"))
    owner = {}  # words → the slug of the skill written so
    for skill in skills:
        for phrase in (skill.slug.replace("-", " "), skill.name, skill.name_es, skill.name_fr, *skill.aliases):
            if words(phrase):
                owner.setdefault(words(phrase), skill.slug)
    for skill in skills:
        if skill.slug not in SEEDED:
            continue
        language_of = {
            alias: index
            for table in (SEEDED, ADDED)
            for index, aliases in enumerate(table[skill.slug])
            for alias in aliases
        }
        lists = ([], [], [])
        for alias in skill.aliases:
            lists[language_of.get(alias, 0)].append(alias)
        has = {words(alias) for alias in skill.aliases}
        for index, aliases in enumerate(ADDED[skill.slug]):
            for alias in aliases:
                if words(alias) not in has and owner.setdefault(words(alias), skill.slug) == skill.slug:
                    lists[index].append(alias)
                    has.add(words(alias))
        skill.aliases, skill.aliases_es, skill.aliases_fr = lists
        skill.save(update_fields=["aliases", "aliases_es", "aliases_fr"])


def join_aliases(apps, schema_editor):
    Skill = apps.get_model("marketplace", "Skill")
    for skill in Skill.objects.all():
        skill.aliases = [*skill.aliases, *skill.aliases_es, *skill.aliases_fr]
        skill.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0015_skill_aliases_per_language")]

    operations = [migrations.RunPython(sort_aliases_by_language, join_aliases)]
