"""Word lists for the synthetic corpus (the same as ../shared/bench/make_corpus.py, so peers build identical postings)."""

# ruff: noqa: E501
COMPANY_A = [
    "Acme", "Northwind", "Bluefin", "Copperleaf", "Driftwood", "Evergreen", "Foxglove",
    "Granite", "Harbor", "Ironbark", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus",
    "Oakridge", "Pinecone", "Quartz", "Redwood", "Sagebrush", "Tidewater", "Umber",
    "Vantage", "Willow", "Xenon", "Yarrow", "Zephyr", "Aurora", "Beacon", "Cobalt",
    "Delta", "Ember", "Falcon", "Glacier", "Helix", "Indigo", "Jasper", "Keystone",
    "Lattice", "Mosaic", "Nova", "Orbit", "Prism", "Quill", "Ripple", "Summit",
    "Talon", "Unity", "Vertex", "Wavelength",
]
COMPANY_B = [
    "Analytics", "Labs", "Systems", "Software", "Health", "Robotics", "Logistics",
    "Energy", "Finance", "Security", "Media", "Games", "Bio", "Networks", "Data",
    "Cloud", "Mobility", "Foods", "Learning", "Insurance", "Payments", "Studios",
    "Dynamics", "Works", "Technologies", "Partners", "Collective", "Group", "Digital",
    "Maps",
]
INDUSTRIES = [
    "healthcare", "logistics", "fintech", "climate tech", "e-commerce", "developer tooling",
    "education", "insurance", "gaming", "cybersecurity", "renewable energy", "media",
    "biotech", "travel", "real estate", "public sector", "agritech", "mobility",
]
ROLES = [
    ("Backend Engineer", "backend"), ("Frontend Engineer", "frontend"),
    ("Full-Stack Developer", "fullstack"), ("Data Engineer", "data"),
    ("Data Scientist", "data"), ("Machine Learning Engineer", "ml"),
    ("Site Reliability Engineer", "ops"), ("DevOps Engineer", "ops"),
    ("Platform Engineer", "ops"), ("Security Engineer", "security"),
    ("Mobile Developer (iOS)", "mobile"), ("Mobile Developer (Android)", "mobile"),
    ("QA Automation Engineer", "qa"), ("Product Designer", "design"),
    ("UX Researcher", "design"), ("Product Manager", "product"),
    ("Engineering Manager", "mgmt"), ("Technical Writer", "docs"),
    ("Solutions Architect", "backend"), ("Analytics Engineer", "data"),
    ("Embedded Software Engineer", "embedded"), ("Developer Advocate", "docs"),
    ("Database Administrator", "data"), ("Cloud Engineer", "ops"),
]
SENIORITY = ["Junior", "", "", "Senior", "Senior", "Staff", "Lead", "Principal"]
TECH = {
    "backend": ["Python", "Go", "Java", "Kotlin", "Rust", "PostgreSQL", "Django", "FastAPI",
                "gRPC", "Kafka", "Redis", "Node.js", "Ruby on Rails", "Elixir"],
    "frontend": ["TypeScript", "React", "Vue", "Svelte", "CSS", "Next.js", "GraphQL",
                 "Webpack", "Vite", "accessibility", "Storybook"],
    "fullstack": ["TypeScript", "React", "Python", "Django", "Node.js", "PostgreSQL",
                  "GraphQL", "Docker", "AWS", "Tailwind"],
    "data": ["SQL", "Python", "Spark", "Airflow", "dbt", "Snowflake", "BigQuery",
             "Kafka", "pandas", "Parquet", "Looker"],
    "ml": ["Python", "PyTorch", "TensorFlow", "scikit-learn", "MLflow", "Kubernetes",
           "CUDA", "NumPy", "LLMs", "feature stores"],
    "ops": ["Kubernetes", "Terraform", "AWS", "GCP", "Azure", "Prometheus", "Grafana",
            "Linux", "Ansible", "Helm", "Go", "observability"],
    "security": ["threat modeling", "AppSec", "SIEM", "Python", "cloud security",
                 "penetration testing", "IAM", "Zero Trust", "SOC 2"],
    "mobile": ["Swift", "SwiftUI", "Kotlin", "Jetpack Compose", "React Native",
               "Flutter", "CI/CD", "offline-first"],
    "qa": ["Playwright", "Cypress", "Selenium", "Python", "pytest", "CI/CD",
           "load testing", "TypeScript"],
    "design": ["Figma", "design systems", "prototyping", "user research",
               "accessibility", "usability testing", "interaction design"],
    "product": ["roadmapping", "discovery", "analytics", "OKRs", "A/B testing",
                "stakeholder management", "SQL"],
    "mgmt": ["hiring", "mentoring", "delivery", "architecture", "agile",
             "incident management", "career development"],
    "docs": ["Markdown", "docs-as-code", "API documentation", "Git", "public speaking",
             "content strategy", "developer experience"],
    "embedded": ["C", "C++", "Rust", "RTOS", "ARM Cortex-M", "Zephyr", "CAN bus",
                 "Yocto", "hardware bring-up"],
}
CITIES = [
    "Berlin, Germany", "London, UK", "Amsterdam, Netherlands", "Paris, France",
    "Lisbon, Portugal", "Barcelona, Spain", "Dublin, Ireland", "Stockholm, Sweden",
    "Copenhagen, Denmark", "Warsaw, Poland", "Prague, Czechia", "Vienna, Austria",
    "Zurich, Switzerland", "Munich, Germany", "Manchester, UK", "Edinburgh, UK",
    "New York, NY", "San Francisco, CA", "Austin, TX", "Seattle, WA", "Boston, MA",
    "Chicago, IL", "Denver, CO", "Toronto, Canada", "Montreal, Canada",
]
CURRENCY_BY_CITY = {"UK": "GBP", "Germany": "EUR", "Netherlands": "EUR", "France": "EUR",
                    "Portugal": "EUR", "Spain": "EUR", "Ireland": "EUR", "Austria": "EUR"}
GENERIC_TAGS = ["remote-friendly", "visa-sponsorship", "equity", "four-day-week",
                "hybrid", "startup", "scale-up", "enterprise", "open-source", "b2b", "b2c"]

ABOUT = [
    "{company} builds {product} for the {industry} industry.",
    "Founded in {year}, {company} has grown to a team of {headcount} people across {offices} offices.",
    "Our customers range from small teams to some of the largest organisations in {industry}, and they rely on us every single day.",
    "We are backed by investors who care about long-term impact, and we have been profitable since {profit_year}.",
    "Our mission is simple: {mission}.",
    "We believe that great software comes from small, empowered teams who own problems end to end.",
    "Last year we processed more than {volume} million {unit} and we expect that number to triple.",
    "We are proud of a culture built on *trust*, *candour* and a healthy dose of curiosity.",
    "Most of the team works {worktype}, and we get together in person a few times a year.",
    "You can read more about how we work on our [engineering blog]({blog_url}).",
    "We publish our [handbook]({handbook_url}) openly, so you can see exactly what it is like to work here before you apply.",
    "We have been recognised as one of the best places to work in {city_short} two years in a row.",
]
ROLE_PARAS = [
    "As a **{role}** you will join the {team} team, a group of {team_size} people responsible for {responsibility}.",
    "This is a hands-on role: you will spend most of your time designing, building and shipping, and the rest helping others do the same.",
    "You will report to our {manager}, and work closely with product, design and customer success.",
    "In your first three months you will get to know our codebase, ship your first features and take part in our on-call rotation with plenty of support.",
    "We care about sustainable pace. We plan in six-week cycles, ship small changes continuously and avoid heroics.",
    "The team owns its services from design to production, so you will have a real say in *how* things are built, not just *what* is built.",
    "Our stack today is mostly {tech1} and {tech2}, with some {tech3} where it makes sense. We are pragmatic about tools and open to change.",
    "You will have the autonomy to make decisions and the support to make them well: code review is a conversation, not a gate.",
]
DO_ITEMS = [
    "Design, build and maintain {system} using {tech1} and {tech2}",
    "Own features from the first sketch to production, including monitoring and follow-up",
    "Collaborate with designers and product managers to turn fuzzy problems into clear plans",
    "Improve the reliability and performance of {system}, which handles {volume} million {unit} a month",
    "Review code, write design documents and share knowledge across teams",
    "Mentor {junior_word} engineers and help shape our engineering practices",
    "Work with customers to understand their workflows and pain points",
    "Contribute to our internal tooling and developer experience",
    "Take part in a fair, well-compensated on-call rotation (about one week in {oncall})",
    "Help us evaluate and adopt {tech3} where it genuinely helps",
    "Write clear documentation so the next person has an easier time than you did",
    "Measure the impact of your work with metrics and talk to the people using it",
]
REQ_ITEMS = [
    "{years}+ years of professional experience with **{tech1}**",
    "Solid experience with {tech2} in a production environment",
    "A track record of shipping and maintaining software that real people use",
    "Strong written communication skills; we are a writing-first company",
    "Comfort working with ambiguity and making pragmatic trade-offs",
    "Familiarity with testing, continuous integration and code review",
    "Experience with {tech3} or a willingness to learn it quickly",
    "Empathy for users and for your teammates",
    "The ability to explain technical decisions to non-technical colleagues",
    "An interest in {industry} and the problems our customers face",
]
NICE_ITEMS = [
    "Experience in the {industry} domain",
    "Contributions to open-source projects (please link them!)",
    "Experience with {tech3} at scale",
    "Previous experience at an early-stage startup",
    "Knowledge of accessibility standards such as WCAG 2.2",
    "Experience running workshops or giving conference talks",
    "Fluency in a second language",
]
BENEFIT_ITEMS = [
    "**Competitive salary** of {cur_sym}{smin}–{cur_sym}{smax} plus meaningful equity",
    "**{holidays} days** of paid holiday plus public holidays",
    "**Flexible hours** and the option to work {worktype}",
    "A **{budget}** yearly learning budget for courses, books and conferences",
    "Private health insurance for you and your family",
    "**{parental} weeks** of fully paid parental leave",
    "A home-office budget to set up a comfortable workspace",
    "Annual company retreat (last year it was in {retreat})",
    "Pension plan with employer contributions of {pension}%",
    "Mental health support through a confidential counselling service",
    "A new laptop of your choice and any tools you need",
    "Sabbatical of {sabbatical} weeks after four years",
]
TEAM_PARAS = [
    "The {team} team is {team_size} people spread across {tz} time zones, with a healthy mix of backgrounds and experience levels.",
    "We run lightweight rituals: a weekly planning session, async stand-ups in Slack and a fortnightly retro that actually changes things.",
    "Recent projects include migrating {system} to {tech2}, cutting p95 latency by 40% and rebuilding our deployment pipeline so that it takes minutes instead of hours.",
    "We pair often, write design docs for anything non-trivial and keep our runbooks up to date.",
    "Everyone on the team, including managers, writes code, reviews pull requests and talks to customers.",
    "We deploy to production dozens of times a day behind feature flags, and we treat incidents as learning opportunities rather than blame sessions.",
]
WHY_PARAS = [
    "**Why join now?** We recently closed our Series {series} round and are investing heavily in {team}, so your work will have a visible impact from day one.",
    "Our customers tell us that {product} saves them hours every week. We want to make that days.",
    "You will work with people who care deeply about craft, and who will happily spend an afternoon helping you debug something gnarly.",
    "We are a {worktype_adj} company with clear written processes, so you will never be left guessing what is expected of you.",
    "Growth here is not just about promotions: we support people moving between teams, trying management or going deeper as individual contributors.",
]
CLOSING = [
    "*{company} is an equal opportunity employer. We welcome applications from people of all backgrounds and do not discriminate on the basis of race, religion, gender, sexual orientation, age, disability or any other characteristic.*",
    "*We know that some people only apply when they meet every single requirement. If this role excites you but you do not tick every box, please apply anyway.*",
    "*If you need any adjustments during the interview process, just let us know and we will make it happen.*",
]
PRODUCTS = ["a scheduling platform", "an analytics suite", "payment infrastructure",
            "a developer platform", "routing software", "a clinical records system",
            "an energy trading platform", "a learning management system",
            "a fraud detection engine", "an IoT fleet manager", "a content platform",
            "a booking engine", "a supply-chain visibility tool"]
MISSIONS = ["make {industry} software that people actually enjoy using",
            "remove busywork from {industry}", "make reliable infrastructure boring",
            "help small businesses compete with the giants",
            "give every team access to trustworthy data"]
SYSTEMS = ["our public API", "the billing service", "the data pipeline", "our search service",
           "the mobile app", "the web dashboard", "our event-streaming platform",
           "the recommendation engine", "the notification service", "our design system"]
TEAMS = ["Platform", "Payments", "Growth", "Core", "Data", "Mobile", "Infrastructure",
         "Search", "Integrations", "Customer Experience"]
UNITS = ["requests", "transactions", "events", "orders", "messages", "bookings"]
RETREATS = ["Lisbon", "the Alps", "Mallorca", "the Scottish Highlands", "Croatia", "Iceland"]
CUR_SYM = {"USD": "$", "EUR": "€", "GBP": "£"}
