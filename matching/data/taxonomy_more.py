# ruff: noqa: E501
"""Curated skills for engineering, manufacturing, law, education, HR, service,
management, spoken languages, soft skills and certifications."""

ENGINEERING = """
## engineering
Mechanical engineering|Mechanical engineer|MechE
Electrical engineering|Electrical engineer|EE
Electronics engineering|Electronics|Electronic engineering
Civil engineering|Civil engineer|Civil
Structural engineering|Structural engineer|Structural analysis|Structural design
Chemical engineering|Chemical engineer|ChemE|Process chemistry
Process engineering|Process engineer
Aerospace engineering|Aerospace|Aeronautical engineering|Aeronautics
Automotive engineering|Automotive|Vehicle engineering
Biomedical engineering|Biomedical|Bioengineering
Environmental engineering|Environmental engineer
Geotechnical engineering|Geotechnics|Geotechnical
Petroleum engineering|Oil and gas|Oil & gas|Upstream oil and gas
Mining engineering|Mining|Mine operations
Marine engineering|Marine engineer|Naval architecture
Nuclear engineering|Nuclear power|Nuclear
Systems engineering|Systems engineer|MBSE
Industrial engineering|Industrial engineer|Work study
Manufacturing engineering|Manufacturing engineer
Quality engineering|Quality engineer|Supplier quality
Reliability engineering|Reliability|Reliability engineer|RAMS analysis
Test engineering|Test engineer|Hardware testing
Power systems|Power engineering|Power distribution|Electrical power systems
Renewable energy|Renewables|Clean energy
Wind energy|Wind turbines|Wind power|Wind turbine maintenance
Solar energy|Solar power|Photovoltaics|PV
Energy management|Energy efficiency|Energy auditing
Building services engineering|MEP|Mechanical electrical and plumbing|MEP engineering
Control systems|Control engineering|Controls engineering|Control theory
Instrumentation|Instrumentation and control|I&C|Instrument technician
PLC programming|PLC|PLCs|Programmable logic controllers
SCADA|Supervisory control and data acquisition|SCADA systems
Distributed control systems|DCS|DCS systems
Siemens TIA Portal|TIA Portal|Siemens S7|Step 7
Allen-Bradley|Allen Bradley|Rockwell Automation|RSLogix|Studio 5000
Robotics|Robotic systems|Industrial robotics|Robot programming
ROS|Robot Operating System|ROS2
Mechatronics|Mechatronic engineering
Hydraulics|Hydraulic systems|Hydraulic engineering
Pneumatics|Pneumatic systems
Thermodynamics|Heat transfer|Thermal engineering
Fluid mechanics|Fluid dynamics|Hydrodynamics
Computational fluid dynamics|CFD|CFD analysis|ANSYS Fluent
Finite element analysis|FEA|FEM|Finite element method
ANSYS|Ansys Mechanical|ANSYS Workbench
Abaqus|SIMULIA Abaqus
COMSOL|COMSOL Multiphysics
Simulink|MATLAB Simulink
LabVIEW|Lab VIEW|NI LabVIEW
Circuit design|Electronic circuit design|Analog design|Analogue design
PCB design|Printed circuit board design|PCB layout|PCB
Altium Designer|Altium
KiCad|Ki Cad
Cadence|Cadence Allegro|Cadence Virtuoso
FPGA|Field-programmable gate arrays|FPGA design|Xilinx|Vivado
ASIC design|ASIC|Chip design|VLSI
Signal processing|Digital signal processing|DSP
RF engineering|Radio frequency engineering|RF design|Microwave engineering
Telecommunications|Telecoms|Telecom|Telecommunication engineering
Fiber optics|Fibre optics|Optical fiber|Fiber splicing|Fibre splicing
Antenna design|Antennas
Computer-aided design|CAD|CAD design|CAD drafting
AutoCAD|Autodesk AutoCAD|Auto CAD|ACAD
Revit|Autodesk Revit|Revit MEP|Revit Architecture
SolidWorks|Solid Works|SOLIDWORKS|Dassault SolidWorks
CATIA|CATIA V5|Dassault CATIA
Siemens NX|Unigraphics|NX CAD
Creo|PTC Creo|Pro/ENGINEER|Pro/E
Autodesk Inventor|Inventor
Fusion 360|Autodesk Fusion 360|Fusion360
SketchUp|Sketch Up|Trimble SketchUp
Civil 3D|AutoCAD Civil 3D|Civil3D
MicroStation|Bentley MicroStation
Technical drawing|Engineering drawing|Drafting|Draughting|Draftsman|Draughtsman
Geometric dimensioning and tolerancing|GD&T|GDT|Geometric tolerancing
Tolerance analysis|Tolerance stack-up|Stack-up analysis
Design for manufacturing|DFM|Design for manufacture|DFMA
Failure mode and effects analysis|FMEA|DFMEA|PFMEA
Root cause analysis|RCA|5 Whys|Fishbone diagrams|Ishikawa
Product development|New product development|NPD|New product introduction|NPI
Product lifecycle management|PLM|Product lifecycle
Prototyping hardware|Hardware prototyping|Proof of concept hardware
Materials science|Materials engineering|Metallurgy
Composites|Composite materials|Carbon fiber|Carbon fibre
Non-destructive testing|NDT|Non destructive testing|Ultrasonic testing|NDE
HVAC design|HVAC engineering|Mechanical services design
Water treatment|Wastewater treatment|Water engineering
Environmental compliance|Environmental management|Environmental health and safety
Environmental impact assessment|EIA|Environmental assessment
Sustainability|ESG|Corporate sustainability|Environmental sustainability
Carbon accounting|GHG accounting|Carbon footprint|Greenhouse gas reporting
Architecture|Architect|Architectural design|Building design
Urban planning|Town planning|City planning|Urban design
Landscape architecture|Landscape architect
"""

MANUFACTURING = """
## manufacturing
Manufacturing|Production|Manufacturing operations
Assembly|Assembly line|Assembler|Production line|Line work
Machine operation|Machine operator|Machinist|Production operator
CNC machining|CNC|CNC operator|CNC programming|CNC machinist
Lathe operation|Lathe|Turning|Lathe operator
Milling|Milling machine|CNC milling
G-code|G code|GCode|CAM programming
CAM|Computer-aided manufacturing|Mastercam
Injection molding|Injection moulding|Plastic molding|Moulding
Sheet metal|Sheet metal fabrication|Press brake
Machining|Precision machining|Machine shop
Tool and die making|Toolmaking|Tool maker|Die maker
Soldering|Solder|Hand soldering|SMT soldering
Electronics assembly|PCB assembly|PCBA|SMT assembly
Quality control|QC|Quality inspection|Inspector
Quality assurance|QA manufacturing|Quality management
Quality management systems|QMS|Quality management system
ISO 9001|ISO9001|ISO 9001:2015
ISO 14001|ISO14001|Environmental management system
ISO 13485|ISO13485|Medical device quality
IATF 16949|TS 16949|IATF16949
AS9100|AS 9100|Aerospace quality
Good manufacturing practice|GMP|cGMP|Current good manufacturing practice
Statistical process control|SPC|Control charts
Six Sigma|6 Sigma|Six Sigma methodology|DMAIC
Lean manufacturing|Lean|Lean production|Lean principles|Lean methodology
Kaizen|Continuous improvement|CI|Kaizen events
5S|5S methodology|Workplace organization
Kanban|Kanban boards|Kanban system
Total productive maintenance|TPM|Total productive manufacturing
Overall equipment effectiveness|OEE|OEE improvement
Value stream mapping|VSM|Value stream
Just-in-time|JIT|Just in time
Theory of constraints|TOC|Drum buffer rope
Poka-yoke|Poka yoke|Mistake proofing|Error proofing
PPAP|Production part approval process
APQP|Advanced product quality planning
Measurement system analysis|MSA|Gauge R&R|Gage R&R
Metrology|Dimensional inspection|Measurement|Calibration
Coordinate measuring machines|CMM|CMM programming|CMM inspection
Preventive maintenance|Preventative maintenance|PM|Planned maintenance
Predictive maintenance|Condition monitoring|Vibration analysis
Industrial maintenance|Maintenance mechanic|Plant maintenance|Mechanical maintenance
Millwright|Millwrighting|Industrial mechanic
Computerized maintenance management systems|CMMS|Maximo|IBM Maximo
Packaging machinery|Packaging line|Filling machines
Food manufacturing|Food production|Food processing
Pharmaceutical manufacturing|Pharma manufacturing|Drug manufacturing
Chemical manufacturing|Chemical production|Chemical processing
Batch records|Batch manufacturing records|BMR
Cleanroom|Clean room|Cleanroom operations|Aseptic processing
Validation|Process validation|Equipment validation|IQ OQ PQ
Textile manufacturing|Garment manufacturing|Sewing|Sewing machine operation
Printing|Print operator|Printing press|Offset printing|Digital printing
Woodworking|Wood working|Woodworker
Glass manufacturing|Glassblowing|Glass production
Foundry|Casting|Metal casting|Die casting
Heat treatment|Heat treating|Annealing
Painting and coating|Powder coating|Spray painting|Industrial coating
Production management|Production manager|Plant management|Operations manager manufacturing
Shift supervision|Shift supervisor|Shift leader|Team leader production
Capacity planning|Capacity management
Bill of materials|BOM|BOMs
Work instructions|Standard operating procedures|SOPs|SOP writing
"""

LEGAL = """
## legal
Law|Legal|Legal practice
Legal research|Case law research|Westlaw|LexisNexis
Legal writing|Legal drafting|Drafting legal documents
Contract law|Contracts|Contract drafting|Commercial contracts
Corporate law|Company law|Corporate legal
Commercial law|Business law|Commercial legal
Litigation|Litigator|Civil litigation|Dispute resolution
Arbitration|Mediation|Alternative dispute resolution|ADR legal
Employment law|Labor law|Labour law|Employment legal
Intellectual property|IP law|Intellectual property law
Patents|Patent law|Patent prosecution|Patent drafting
Trademarks|Trademark law|Trade marks
Copyright law|Copyright|Copyrights
Data protection law|Privacy law|Data privacy|Privacy
Real estate law|Property law|Conveyancing|Real property law
Family law|Divorce law|Family legal
Criminal law|Criminal defense|Criminal defence|Criminal justice
Immigration law|Immigration|Visa applications|Immigration casework
Tax law|Tax legal|Tax advisory
Banking and finance law|Finance law|Banking law
Competition law|Antitrust|Antitrust law
Environmental law|Environmental legal
Healthcare law|Health law|Medical law
Regulatory law|Regulatory legal
Compliance law|Legal compliance|Corporate compliance
Insolvency|Bankruptcy|Restructuring|Insolvency law
Wills and probate|Probate|Wills
Paralegal|Paralegal work|Legal assistant
Legal secretary|Legal administration|Legal admin
eDiscovery|E-discovery|Electronic discovery|Relativity
Document review|Legal document review
Due diligence legal|Legal due diligence
Notary|Notary public|Notarization
Court reporting|Stenography|Court stenographer
Legal operations|Legal ops
Policy analysis|Public policy|Policy development|Policy advice
Government relations|Public affairs|Lobbying|Advocacy
Corporate governance|Governance|Board governance|Company secretarial
"""

EDUCATION = """
## education
Teaching|Teacher|Classroom teaching|Instruction
Lesson planning|Lesson plans|Lesson plan
Curriculum development|Curriculum design|Curriculum planning
Classroom management|Behavior management|Behaviour management
Early childhood education|Early years|EYFS|Preschool teaching|Early childhood
Primary education|Elementary education|Primary teaching|Elementary teaching
Secondary education|High school teaching|Secondary teaching
Special education|Special educational needs|SEN|SEND|Special needs education
Higher education|University teaching|Lecturing|Lecturer|Academia
Adult education|Adult learning|Further education|FE teaching
Tutoring|Tutor|Private tutoring|One-to-one tuition
Mathematics teaching|Math teaching|Maths teaching|Mathematics education
Science teaching|Science education|STEM education
English teaching|English language teaching|ELT|ESL teaching|TEFL|TESOL
Language teaching|Foreign language teaching|Modern languages teaching
Music teaching|Music education|Music teacher|Music instruction
Physical education|PE teaching|Sports coaching|Coaching sports
Art teaching|Art education
Instructional design|Instructional designer|Learning design
E-learning|eLearning|Online learning|Online teaching|Distance learning
Learning management systems|LMS|Moodle|Canvas LMS|Blackboard
Articulate Storyline|Articulate 360|Storyline
Educational technology|EdTech|Technology in education
Assessment|Student assessment|Educational assessment|Grading
Student support|Pastoral care|Student welfare|Student counseling
Academic advising|Academic advisor|Student advising
Educational leadership|School leadership|School administration|Principal
Training delivery|Training|Trainer|Corporate training|Facilitation
Training needs analysis|TNA|Learning needs analysis
Learning and development|L&D|Learning & development|Training and development
Coaching|Executive coaching|Life coaching|Career coaching
Mentoring|Mentor|Mentorship
Research|Academic research|Research skills|Researcher
Grant writing|Grant proposals|Funding applications|Grant applications
Childcare|Child care|Nanny|Babysitting|Childminding
Teaching assistant|Classroom assistant|Learning support assistant|TA
Library services|Librarian|Library science|Librarianship
Museum curation|Curator|Curation|Collections management
Montessori|Montessori teaching|Montessori education
Safeguarding|Child protection|Safeguarding children|Child safeguarding
"""

HR = """
## human resources
Human resources|HR|Human resource management|HRM|People operations|People ops
Recruitment|Recruiting|Talent acquisition|TA recruiting|Hiring
Technical recruiting|Tech recruiting|IT recruitment|Technical recruitment
Executive search|Headhunting|Headhunter|Retained search
Sourcing candidates|Candidate sourcing|Talent sourcing|Boolean search
Interviewing|Interviews|Candidate interviewing|Structured interviews
Onboarding|Employee onboarding|New hire onboarding|Induction
Offboarding|Exit interviews
Employee relations|ER|Employee relation|Workplace relations
Labor relations|Industrial relations|Labour relations|Union negotiations
Performance management|Performance reviews|Performance appraisals|Appraisals
Compensation and benefits|Comp and ben|C&B|Compensation|Benefits administration|Total rewards
Payroll compliance|Payroll tax|Payroll legislation
HR information systems|HRIS|HRMS|HR systems
Applicant tracking systems|ATS|Applicant tracking system
Greenhouse|Greenhouse ATS
Lever|Lever ATS
BambooHR|Bamboo HR
SAP HCM|SAP HR
ADP|ADP Workforce Now|ADP payroll
UKG|Kronos|UltiPro
Talent management|Talent development|Succession planning
Workforce planning|Headcount planning|Strategic workforce planning
Organizational development|Organisational development|OD
Change management|Organizational change|Change management process|Prosci|ADKAR
Employee engagement|Engagement surveys|Staff engagement
Diversity and inclusion|D&I|DEI|Diversity equity and inclusion|DE&I
HR policies|HR policy|Policy writing HR|Employee handbook
HR compliance|Employment compliance|HR legal compliance
Employer branding|Employer brand|Employer value proposition|EVP
Job analysis|Job descriptions|Job description writing|Job evaluation
Background checks|Background screening|Pre-employment screening
Right to work checks|Right to work|Work authorization|I-9 verification
Workplace investigations|HR investigations|Disciplinary procedures|Grievances
Absence management|Attendance management|Leave management
Occupational psychology|Organizational psychology|I/O psychology|Psychometrics
HR business partnering|HRBP|HR business partner
HR analytics|People analytics|Workforce analytics
Immigration sponsorship|Visa sponsorship|Sponsorship compliance
Temporary staffing|Staffing|Staffing agency|Temp staffing
Agency recruitment|Recruitment agency|Agency recruiter|Recruitment consultant
Candidate experience|Candidate engagement
Campus recruiting|Graduate recruitment|University recruiting|Early careers
"""

CUSTOMER_SERVICE = """
## customer service
Customer service|Customer support|Client service|Customer care
Customer experience|CX|Customer experience management
Call center|Call centre|Contact center|Contact centre|Call center operations
Inbound calls|Phone support|Telephone support|Phone etiquette
Live chat support|Chat support|Live chat
Email support|Written support|Ticket handling|Ticketing
Complaint handling|Complaints handling|Complaint resolution|Handling complaints
Conflict resolution|Conflict management|De-escalation|Deescalation
Customer retention|Churn reduction|Retention
Client relations|Client relationship management|Client management|Relationship management
Technical customer support|Tier 1 support|Tier 2 support|L1 support|L2 support
Service desk|Service desk analyst|IT service desk
Customer onboarding|Client onboarding
Net Promoter Score|NPS|Customer satisfaction|CSAT
Order processing|Order entry|Order management
Data entry|Data input|Typing|Data entry clerk
Reception|Receptionist|Front desk reception|Greeting visitors
Switchboard|Switchboard operation|Telephonist
Administrative support|Administration|Admin|Office administration|Administrative assistant
Executive assistance|Executive assistant|PA|Personal assistant|Diary management|Calendar management
Office management|Office manager|Office operations
Filing|Records management|Document management|Record keeping
Scheduling|Appointment scheduling|Appointment setting|Rota planning
Travel arrangements|Travel booking|Travel coordination
Minute taking|Meeting minutes|Minutes
Mail handling|Mailroom|Post handling
Virtual assistance|Virtual assistant|VA
Transcription|Transcriptionist|Audio typing
"""

MANAGEMENT = """
## management and business
Project management|Project manager|PM|Project delivery|Project coordination
Program management|Programme management|Program manager|Programme manager
Portfolio management office|PMO|Project management office
Product management|Product manager|Product owner|Product ownership
Agile|Agile methodology|Agile methodologies|Agile development
Scrum|Scrum methodology|Scrum framework
Scrum master|ScrumMaster|Scrum mastering
SAFe|Scaled Agile Framework|Scaled Agile
Waterfall|Waterfall methodology|Waterfall project management
PRINCE2 methodology|PRINCE2 framework
Stakeholder management|Stakeholder engagement|Stakeholder communication
Requirements gathering|Requirements analysis|Requirements elicitation|Requirements engineering
Business analysis|Business analyst|BA
Business process improvement|Process improvement|BPI|Process optimization
Business process modeling|BPMN|Process mapping|Business process mapping
Operations management|Operations|Ops management|Business operations
Strategic planning|Strategy|Business strategy|Corporate strategy
Business planning|Business plans|Business plan writing
Management consulting|Consulting|Strategy consulting|Consultant
Entrepreneurship|Entrepreneur|Startups|Start-ups|Founder
General management|P&L management|Profit and loss|P&L responsibility
Team leadership|Team lead|Team leader|Leading teams|People management|Line management
Executive leadership|Senior leadership|C-suite|Executive management
Leadership|Leadership skills|Leader
Vendor negotiation|Supplier negotiation|Commercial negotiation
Budget ownership|Budget holder|Budget control
Key performance indicators|KPI|KPIs|KPI tracking|Performance metrics
OKR|OKRs|Objectives and key results
Risk and issue management|RAID logs|Issue management|Risk registers
Business continuity|Business continuity planning|BCP
Quality management consulting|Total quality management|TQM
Customer insight|Customer insights|Voice of the customer|VOC
Retail management|Store management|Store manager|Retail operations
Franchise management|Franchising|Franchise operations
Non-profit management|Nonprofit management|Charity management|NGO management
Fundraising|Fund raising|Donor relations|Development fundraising
Volunteer management|Volunteer coordination|Volunteering
Real estate development|Property development|Development management
Investor relations|IR|Shareholder relations
Mergers integration|Post-merger integration|PMI
Outsourcing|Offshoring|Vendor outsourcing|BPO
Digital transformation|Digitalization|Digitisation|Digital strategy
IT management|IT manager|IT operations management
IT governance|COBIT|IT governance frameworks
IT service management|ITSM|Service management
Vendor evaluation|Vendor selection|Tender evaluation
Pricing analysis|Price analysis|Pricing analytics
Agriculture|Farming|Agricultural|Agribusiness
Horticulture|Horticulturist|Plant nursery
Forestry|Forest management|Arboriculture|Tree surgery
Fishing|Commercial fishing|Aquaculture|Fish farming
Beauty therapy|Beautician|Esthetics|Aesthetics|Cosmetology
Hairdressing|Hairdresser|Hair styling|Hairstylist|Barbering|Barber
Nail technology|Nail technician|Manicure|Pedicure
Makeup artistry|Makeup artist|MUA|Make-up
Tailoring|Tailor|Alterations|Dressmaking
Jewelry making|Jewellery making|Jeweler|Goldsmith
Automotive repair|Auto mechanic|Car mechanic|Motor vehicle repair|Vehicle maintenance
Automotive diagnostics|Vehicle diagnostics|Car diagnostics|OBD diagnostics
Diesel mechanics|Diesel mechanic|Diesel technician|Heavy vehicle mechanic
Auto body repair|Panel beating|Body shop|Collision repair|Panel beater
Aircraft maintenance|Aircraft mechanic|Aviation maintenance|A&P mechanic|Aircraft engineer
Piloting|Pilot|Airline pilot|Commercial pilot|Flying
Air traffic control|Air traffic controller|ATC
Seafaring|Seaman|Deckhand|Merchant navy|Able seaman
Law enforcement|Police|Policing|Police officer
Firefighting|Firefighter|Fire service|Fire fighting
Military service|Military|Armed forces|Army|Veteran
Emergency management|Emergency planning|Disaster management
Loss prevention|Asset protection|Retail security
CCTV monitoring|CCTV|Video surveillance|Surveillance
Private investigation|Investigations|Investigator
"""

LANGUAGE = """
## spoken languages
English|English language|Fluent English|Native English|Business English|English speaker
Spanish|Spanish language|Fluent Spanish|Castilian|Español|Espanol
French|French language|Fluent French|Français|Francais
German|German language|Fluent German|Deutsch
Italian|Italian language|Fluent Italian|Italiano
Portuguese|Portuguese language|Fluent Portuguese|Brazilian Portuguese|Português
Dutch|Dutch language|Fluent Dutch|Nederlands|Flemish
Mandarin Chinese|Mandarin|Chinese|Putonghua|Chinese Mandarin
Cantonese|Cantonese Chinese|Yue Chinese
Japanese|Japanese language|Fluent Japanese|Nihongo
Korean|Korean language|Fluent Korean|Hangul
Arabic|Arabic language|Fluent Arabic|Modern Standard Arabic|MSA Arabic
Hindi|Hindi language|Fluent Hindi
Urdu|Urdu language
Bengali|Bangla|Bengali language
Punjabi|Panjabi|Punjabi language
Tamil|Tamil language
Telugu|Telugu language
Marathi|Marathi language
Gujarati|Gujarati language
Russian|Russian language|Fluent Russian|Русский
Ukrainian|Ukrainian language
Polish|Polish language|Fluent Polish|Polski
Czech|Czech language|Čeština
Slovak|Slovak language
Hungarian|Hungarian language|Magyar
Romanian|Romanian language|Română
Bulgarian|Bulgarian language
Serbian|Serbian language|Serbo-Croatian
Croatian|Croatian language|Hrvatski
Slovenian|Slovene|Slovenian language
Greek|Greek language|Modern Greek|Ελληνικά
Turkish|Turkish language|Türkçe
Hebrew|Hebrew language|Ivrit
Persian|Farsi|Persian language
Swedish|Swedish language|Svenska
Norwegian|Norwegian language|Norsk
Danish|Danish language|Dansk
Finnish|Finnish language|Suomi
Icelandic|Icelandic language
Estonian|Estonian language
Latvian|Latvian language
Lithuanian|Lithuanian language
Vietnamese|Vietnamese language|Tiếng Việt
Thai|Thai language
Indonesian|Bahasa Indonesia|Indonesian language
Malay|Bahasa Malaysia|Bahasa Melayu|Malay language
Tagalog|Filipino|Filipino language|Tagalog language
Swahili|Kiswahili|Swahili language
Amharic|Amharic language
Somali|Somali language
Yoruba|Yoruba language
Hausa|Hausa language
Igbo|Igbo language
Zulu|isiZulu|Zulu language
Afrikaans|Afrikaans language
Irish|Irish Gaelic|Gaeilge
Welsh|Welsh language|Cymraeg
Catalan|Catalan language|Català
Basque|Euskara|Basque language
Albanian|Albanian language|Shqip
Armenian|Armenian language
Georgian|Georgian language
Latin|Latin language|Classical Latin
American Sign Language|ASL|Sign language
British Sign Language|BSL
"""

SOFT = """
## soft skills
Communication|Communication skills|Verbal communication|Written communication
Teamwork|Team player|Collaboration|Team work|Working in teams
Problem solving|Problem-solving|Problem solver|Troubleshooting
Critical thinking|Analytical thinking|Analytical skills
Attention to detail|Detail-oriented|Detail oriented|Eye for detail
Time management|Time-management|Prioritization|Prioritisation
Organization|Organisational skills|Organizational skills|Organising
Adaptability|Flexibility|Adaptable|Flexible
Creativity|Creative thinking|Creative
Decision making|Decision-making|Judgement|Judgment
Emotional intelligence|EQ|Empathy
Interpersonal skills|People skills|Relationship building
Public speaking|Presentation skills|Presenting|Presentations
Active listening|Listening skills
Multitasking|Multi-tasking|Juggling priorities
Work ethic|Reliability soft skill|Dependability|Dependable
Self-motivation|Self-motivated|Self starter|Self-starter|Initiative
Customer focus|Customer orientation|Customer-centric|Customer centricity
Cross-functional collaboration|Cross-functional teams|Cross functional
Remote work|Remote collaboration|Working remotely|Distributed teams
Cultural awareness|Cross-cultural communication|Intercultural competence
Resilience|Stress management|Working under pressure
Persuasion|Influencing|Influence|Influencing skills
Storytelling|Data storytelling|Narrative
Facilitation skills|Workshop facilitation|Facilitating workshops
Delegation|Delegating
Accountability|Ownership|Taking ownership
Integrity|Ethics|Professional ethics|Business ethics
Patience|Calmness
Physical stamina|Physical fitness|Manual handling|Lifting
Driving license|Driving licence|Driver's license|Full driving licence|Clean driving licence
Numeracy|Numerical skills|Basic math|Mental arithmetic
Literacy|Reading and writing|Written English
Computer literacy|Computer skills|IT literacy|Digital literacy
Sales skills|Selling skills
Mentoring junior staff|Coaching juniors|Developing junior engineers
"""

CERTIFICATION = """
## certifications
Project Management Professional|PMP|PMP certified|PMP certification
Certified ScrumMaster|CSM certification|Certified Scrum Master
Professional Scrum Master|PSM|PSM I|PSM II
Certified Associate in Project Management|CAPM
PRINCE2 Practitioner|PRINCE2|PRINCE 2|Prince2 Foundation
PMI Agile Certified Practitioner|PMI-ACP|PMI ACP
Certified Public Accountant|CPA|CPA certified|CPA license
Chartered Accountant|ACA|ICAEW|Chartered accountancy
ACCA|Association of Chartered Certified Accountants|ACCA qualified|Chartered Certified Accountant
CIMA|Chartered Institute of Management Accountants|CGMA
Certified Management Accountant|CMA|CMA certified
Chartered Financial Analyst|CFA|CFA charterholder|CFA Level III
Certified Financial Planner|CFP|CFP certification
Financial Risk Manager|FRM|FRM certified
Certified Internal Auditor|CIA certification|Certified Internal Auditor CIA
Certified Information Systems Auditor|CISA|CISA certified
Certified Information Systems Security Professional|CISSP|CISSP certified
Certified Information Security Manager|CISM|CISM certified
Certified Ethical Hacker|CEH|CEH certified
Offensive Security Certified Professional|OSCP|OSCP certified
CompTIA Security+|Security+|Security plus|Sec+
CompTIA Network+|Network+|Network plus
CompTIA A+|A+ certification|CompTIA A plus
Cisco Certified Network Associate|CCNA|CCNA certified
Cisco Certified Network Professional|CCNP|CCNP certified
Cisco Certified Internetwork Expert|CCIE|CCIE certified
AWS Certified Solutions Architect|AWS Solutions Architect|AWS SAA|AWS CSA|Solutions Architect Associate
AWS Certified Developer|AWS Developer Associate|AWS Developer certification
AWS Certified SysOps Administrator|AWS SysOps|SysOps Administrator
AWS Certified Cloud Practitioner|AWS Cloud Practitioner|AWS CCP
Microsoft Certified Azure Administrator|AZ-104|Azure Administrator Associate
Microsoft Certified Azure Solutions Architect|AZ-305|Azure Solutions Architect Expert
Microsoft Certified Azure Fundamentals|AZ-900|Azure Fundamentals
Google Cloud Professional Cloud Architect|GCP Professional Cloud Architect|Professional Cloud Architect
Certified Kubernetes Administrator|CKA|CKA certified
Certified Kubernetes Application Developer|CKAD|CKAD certified
HashiCorp Certified Terraform Associate|Terraform Associate
Red Hat Certified Engineer|RHCE|RHCE certified
Red Hat Certified System Administrator|RHCSA|RHCSA certified
Oracle Certified Professional Java|OCPJP|Oracle Certified Java Programmer|OCP Java
Salesforce Certified Administrator|Salesforce Administrator certification|SFDC Certified Admin
ITIL 4 Foundation|ITIL certification|ITIL certified
Six Sigma Green Belt|Green Belt|Lean Six Sigma Green Belt|LSSGB
Six Sigma Black Belt|Black Belt|Lean Six Sigma Black Belt|LSSBB
Certified Supply Chain Professional|CSCP|APICS CSCP
Certified in Production and Inventory Management|CPIM|APICS CPIM
CIPS|Chartered Institute of Procurement and Supply|MCIPS
SHRM Certified Professional|SHRM-CP|SHRM CP
SHRM Senior Certified Professional|SHRM-SCP|SHRM SCP
Professional in Human Resources|PHR|PHR certified
Senior Professional in Human Resources|SPHR|SPHR certified
CIPD|Chartered Institute of Personnel and Development|CIPD Level 5|CIPD Level 7
Registered Nurse license|RN license|Registered Nurse|NCLEX-RN|NCLEX
Licensed Practical Nurse|LPN|LVN|Licensed Vocational Nurse
Certified Nursing Assistant|CNA|Nursing assistant|Nurse aide|Healthcare assistant|HCA
Nurse Practitioner|NP|APRN|Advanced practice nurse
Physician Assistant|PA-C|Physician associate
Emergency Medical Technician|EMT|EMT-B|EMT Basic
Paramedic certification|Paramedic|NRP|Registered paramedic
Certified Medical Assistant|CMA medical|Certified medical assisting
Certified Professional Coder|CPC|AAPC CPC
Registered Health Information Administrator|RHIA
Registered Dietitian|RD|RDN|Registered Dietitian Nutritionist
Board Certified Behavior Analyst|BCBA|BCBA certified
Licensed Clinical Social Worker|LCSW|LCSW license
Food Handler certification|Food handler card|Food handlers permit|Food hygiene certificate
ServSafe Manager|ServSafe certification|ServSafe Food Protection Manager
Certified Welding Inspector|CWI|AWS CWI
Journeyman Electrician license|Journeyman electrician|Licensed electrician
Master Electrician license|Master electrician
Certified Construction Manager|CCM|CCM certified
LEED Accredited Professional|LEED AP|LEED|LEED Green Associate
Professional Engineer license|PE license|Professional Engineer|Chartered Engineer|CEng
Engineer in Training|EIT|FE exam|Fundamentals of Engineering
CSCS card|CSCS|Construction Skills Certification Scheme
SMSTS|Site Management Safety Training Scheme
NEBOSH|NEBOSH General Certificate|NEBOSH certificate
IOSH|IOSH Managing Safely|IOSH certificate
Forklift certification|Forklift licence|Forklift license|Counterbalance licence
HGV Class 1 licence|HGV Class 1|Class 1 licence|C+E licence|CE licence
HGV Class 2 licence|HGV Class 2|Class 2 licence|C licence
Commercial Pilot License|CPL|Commercial pilot licence
Airline Transport Pilot License|ATPL|ATP license
Teaching certification|Teaching license|Teaching licence|QTS|Qualified Teacher Status|PGCE
CELTA|Cambridge CELTA
DELTA certification|Cambridge DELTA
Certified Fraud Examiner|CFE|CFE certified
Certified Anti-Money Laundering Specialist|CAMS|ACAMS
Series 7|Series 7 license|FINRA Series 7
Series 63|Series 63 license|FINRA Series 63
Chartered Insurance Professional|ACII|CII qualification
Google Ads certification|Google Ads certified|AdWords certification
Google Analytics Individual Qualification|GAIQ|Google Analytics certification
HubSpot Inbound certification|HubSpot certified|Inbound certification
Certified Information Privacy Professional|CIPP|CIPP/E|CIPP/US
Tableau Desktop Specialist|Tableau certification|Tableau certified
Microsoft Office Specialist|MOS|MOS certification
Certified Business Analysis Professional|CBAP|CBAP certified
TOGAF|TOGAF certified|The Open Group Architecture Framework
Security clearance|Security cleared|SC clearance|DV clearance|Secret clearance|Top Secret clearance
DBS check|Enhanced DBS|DBS|Disclosure and Barring Service
"""
