"""What the people in the tender demo write, in English and Spanish ({"en": …, "es": …}).

Demo content, not interface text: like `marketplace.demo_data`, it is not translated through
the catalogs; each text is written in the language of the request it belongs to.
"""

# fmt: off
DECLINE_REASONS = (
    {"en": "Our team is fully booked until next quarter.",
     "es": "Nuestro equipo está ocupado hasta el próximo trimestre."},
    {"en": "The scope is outside what we do best; we would rather not stretch.",
     "es": "El alcance está fuera de nuestra especialidad; preferimos no forzarlo."},
    {"en": "We cannot staff a team in your time zone for these dates.",
     "es": "No podemos formar un equipo en su zona horaria para estas fechas."},
    {"en": "The budget does not cover the certification work this needs.",
     "es": "El presupuesto no cubre el trabajo de certificación que esto requiere."},
)

# (question, answer)
QUESTIONS = (
    {"en": ("Is there an existing API we must integrate with, and is it documented?",
            "Yes: a REST API documented in OpenAPI. We share the specification once the NDA is signed."),
     "es": ("¿Hay una API existente con la que debamos integrarnos? ¿Está documentada?",
            "Sí: una API REST documentada en OpenAPI. Compartimos la especificación al firmar el acuerdo de confidencialidad.")},
    {"en": ("Can most of the team work remotely from Canada?",
            "Yes. We ask for two weeks on site in Mexico City at the start and one at launch."),
     "es": ("¿La mayor parte del equipo puede trabajar a distancia desde Canadá?",
            "Sí. Pedimos dos semanas presenciales en la Ciudad de México al inicio y una en el lanzamiento.")},
    {"en": ("Does the budget include VAT (IVA)?",
            "No, the budget is before IVA; invoices must be valid CFDI."),
     "es": ("¿El presupuesto incluye IVA?",
            "No, el presupuesto es antes de IVA; las facturas deben ser CFDI válidos.")},
    {"en": ("Who owns the source code at the end of the project?",
            "We do: the contract assigns the intellectual property to the company with each payment."),
     "es": ("¿Quién es dueño del código fuente al terminar el proyecto?",
            "Nosotros: el contrato cede la propiedad intelectual a la empresa con cada pago.")},
    {"en": ("Which environments do you run today, and who operates them?",
            "Production runs on AWS; our infrastructure team operates it, with the vendor's support during the project."),
     "es": ("¿Qué ambientes tienen hoy y quién los opera?",
            "Producción corre en AWS; nuestro equipo de infraestructura lo opera, con apoyo del proveedor durante el proyecto.")},
    {"en": ("Is there a preferred go-live date?",
            "Before the end of the quarter; a launch in phases is acceptable."),
     "es": ("¿Hay una fecha preferida de salida a producción?",
            "Antes del cierre del trimestre; se acepta un lanzamiento por fases.")},
)

APPROACH = {
    "en": ("{vendor} proposes a team of {team} for {weeks} weeks. We start with two weeks of discovery "
           "with your product and compliance leads, then deliver in two-week sprints with a demo at "
           "the end of each, automated tests from the first sprint and a supported launch. We overlap "
           "at least six hours a day with Mexico City."),
    "es": ("{vendor} propone un equipo de {team} personas durante {weeks} semanas. Empezamos con dos "
           "semanas de descubrimiento con sus responsables de producto y de cumplimiento, y entregamos "
           "en sprints de dos semanas con una demostración al final de cada uno, pruebas automatizadas "
           "desde el primer sprint y un lanzamiento acompañado. Coincidimos al menos seis horas al día "
           "con el horario de la Ciudad de México."),
}
REVISED = {
    "en": "Revised offer, after the answers to the vendors' questions. ",
    "es": "Oferta revisada tras las respuestas a las preguntas de los proveedores. ",
}
MILESTONES = (
    {"en": "Discovery and plan", "es": "Descubrimiento y plan"},
    {"en": "First release", "es": "Primera entrega"},
    {"en": "Launch", "es": "Lanzamiento"},
    {"en": "Handover and support", "es": "Entrega y soporte"},
)

AWARD_REASONS = (
    {"en": "Best balance of price, experience in regulated markets and a realistic plan.",
     "es": "El mejor equilibrio entre precio, experiencia en mercados regulados y un plan realista."},
    {"en": "The strongest team for the timeline, with references we could check.",
     "es": "El equipo más sólido para el calendario, con referencias que pudimos verificar."},
    {"en": "Lowest total cost, with milestones that fit our launch.",
     "es": "El menor costo total, con hitos que se ajustan a nuestro lanzamiento."},
    {"en": "Their security and compliance approach convinced our risk committee.",
     "es": "Su enfoque de seguridad y cumplimiento convenció a nuestro comité de riesgos."},
)
REQUEST_CANCELLATION_REASONS = (
    {"en": "The project was folded into a wider platform renewal; we will publish a new request.",
     "es": "El proyecto se integró a una renovación más amplia de la plataforma; publicaremos una nueva solicitud."},
    {"en": "Our budget for this year was frozen.",
     "es": "Se congeló nuestro presupuesto de este año."},
    {"en": "The regulator changed the requirements, so the scope no longer holds.",
     "es": "El regulador cambió los requisitos y el alcance ya no aplica."},
)
ENGAGEMENT_CANCELLATION_REASONS = (
    {"en": "The vendor could not staff the agreed team after the first month.",
     "es": "El proveedor no pudo completar el equipo acordado después del primer mes."},
    {"en": "After our merger the project moved to the parent company's platform.",
     "es": "Tras nuestra fusión, el proyecto pasó a la plataforma de la empresa matriz."},
    {"en": "We paused the product line; the work delivered so far was paid in full.",
     "es": "Pausamos la línea de producto; el trabajo entregado se pagó completo."},
)

# rating → reviews; (rating, weight) pairs below say how often each is given
REVIEWS = {
    5: ({"en": "Delivered on time and on budget, with clear weekly reports and a team that knew the regulations.",
         "es": "Entregaron a tiempo y dentro del presupuesto, con reportes semanales claros y un equipo que conoce la regulación."},
        {"en": "Excellent work: the launch went smoothly and support afterwards was quick.",
         "es": "Excelente trabajo: el lanzamiento fue tranquilo y el soporte posterior, rápido."}),
    4: ({"en": "Good technical work; two milestones slipped by a week, but they told us early.",
         "es": "Buen trabajo técnico; dos hitos se retrasaron una semana, pero nos avisaron a tiempo."},
        {"en": "Solid team and good documentation; communication in Spanish could improve.",
         "es": "Equipo sólido y buena documentación; la comunicación en español puede mejorar."}),
    3: ({"en": "The result works, but we had to push for test coverage and the handover was rushed.",
         "es": "El resultado funciona, pero tuvimos que insistir en las pruebas y la entrega fue apresurada."},),
    2: ({"en": "Six weeks late, and the first release failed our security review.",
         "es": "Seis semanas de retraso, y la primera entrega no pasó nuestra revisión de seguridad."},),
}
RATING_WEIGHTS = ((5, 45), (4, 35), (3, 14), (2, 6))
REPLIES = {
    "good": {"en": "Thank you: it was a pleasure to work with your team, and we hope to again.",
             "es": "Gracias: fue un gusto trabajar con su equipo y esperamos repetirlo."},
    "poor": {"en": "Thank you for the candid feedback; every project now has a delivery lead who reports weekly.",
             "es": "Gracias por la retroalimentación franca; ahora cada proyecto tiene un responsable de entregas que reporta cada semana."},
}

# The people who act for organisations that have no member yet: (first name, last name)
MEXICAN_PEOPLE = (
    ("Mariana", "Ortega"), ("Alejandro", "Ruiz"), ("Fernanda", "Castillo"), ("Jorge", "Medina"),
    ("Lucía", "Herrera"), ("Ricardo", "Salinas"), ("Valeria", "Navarro"), ("Diego", "Fuentes"),
)
CANADIAN_PEOPLE = (
    ("Olivia", "Tremblay"), ("Liam", "MacDonald"), ("Chloé", "Gagnon"), ("Noah", "Singh"),
    ("Emma", "Roy"), ("Ethan", "Wong"), ("Léa", "Bouchard"), ("Lucas", "Campbell"),
)
# fmt: on
