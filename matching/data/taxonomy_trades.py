"""Curated non-technology skills, same format as taxonomy_tech.py."""

DESIGN = """
## design
Graphic design|Graphic designer|Visual design
UI design|User interface design|UI
UX design|User experience design|UX|User experience
UI/UX design|UI UX|UX/UI|UXUI
Interaction design|IxD|Interaction designer
Product design|Digital product design
Web design|Website design|Web designer
Responsive design|Responsive web design|RWD
Mobile app design|App design
Wireframing|Wireframes|Wireframe
Prototyping|Prototypes|Rapid prototyping
User research|UX research|Usability research
Usability testing|Usability tests|User testing
Information architecture|IA design|Site mapping
Design systems|Design system|Component libraries
Accessibility|Web accessibility|WCAG|A11y|Section 508
Typography|Type design|Typesetting
Color theory|Colour theory|Color palettes
Branding|Brand identity|Brand design|Visual identity
Logo design|Logos|Logo creation
Illustration|Illustrator artist|Digital illustration
Motion graphics|Motion design|Animation graphics
Animation|2D animation|3D animation|Animator
Video editing|Video editor|Video post-production|Post-production
Photography|Photographer|Photo shoots
Photo editing|Photo retouching|Retouching|Image editing
Print design|Print production|Prepress
Packaging design|Packaging
Layout design|Page layout|Editorial design
Infographics|Infographic design
Storyboarding|Storyboards
Figma|Figma design|FigJam
Sketch|Sketch app|Bohemian Sketch
Adobe XD|XD|Adobe Experience Design
InVision|InVision app
Framer|Framer Motion
Axure RP|Axure
Balsamiq|Balsamiq mockups
Adobe Creative Suite|Adobe Creative Cloud|Adobe CC|Creative Cloud
Adobe Photoshop|Photoshop|PS CC|Adobe PS
Adobe Illustrator|Illustrator|AI CC|Adobe AI
Adobe InDesign|InDesign|Adobe ID
Adobe Premiere Pro|Premiere Pro|Premiere|Adobe Premiere
Adobe After Effects|After Effects|AE
Adobe Lightroom|Lightroom|Lightroom Classic
Adobe Acrobat|Acrobat|Acrobat Pro
Adobe Audition|Audition
Canva|Canva design
CorelDRAW|Corel Draw|Corel
Affinity Designer|Affinity
Procreate|Procreate app
Final Cut Pro|Final Cut|FCP|FCPX
DaVinci Resolve|Davinci|Resolve
Avid Media Composer|Avid
Blender|Blender 3D
Autodesk Maya|Maya
3ds Max|3D Studio Max|Autodesk 3ds Max
Cinema 4D|C4D|Cinema4D
ZBrush|Z Brush
Substance Painter|Adobe Substance|Substance 3D
3D modeling|3D modelling|3D modeler
Rendering|3D rendering|Visualization rendering
Interior design|Interior designer|Interior decoration
Fashion design|Fashion designer|Apparel design
Textile design|Textiles
Industrial design|Industrial designer
Game design|Game designer|Level design
Sound design|Audio design|Sound designer
Audio production|Audio engineering|Sound engineering|Mixing and mastering
Music production|Music producer|Beat making
Pro Tools|ProTools|Avid Pro Tools
Ableton Live|Ableton
Logic Pro|Logic Pro X
Copywriting|Copywriter|Ad copy
Content writing|Content writer|Blog writing
Creative writing|Fiction writing
Editing|Copy editing|Copyediting|Proofreading|Proof reading
Translation|Translator|Translating
Interpretation|Interpreting|Interpreter
Localization|Localisation|L10n|Internationalization|I18n
Journalism|Journalist|Reporting journalism
Scriptwriting|Screenwriting|Script writing
Art direction|Art director
Creative direction|Creative director
"""

HEALTHCARE = """
## clinical care
Patient care|Direct patient care|Bedside care
Nursing|Registered nursing|RN nursing|Nurse
Critical care nursing|ICU nursing|Intensive care nursing
Emergency nursing|ER nursing|A&E nursing
Pediatric nursing|Paediatric nursing|Peds nursing
Geriatric care|Elderly care|Aged care|Eldercare|Gerontology
Palliative care|End-of-life care|Hospice care
Home health care|Home care|Domiciliary care
Mental health nursing|Psychiatric nursing
Midwifery|Midwife|Obstetric nursing
Surgical nursing|Perioperative nursing|Theatre nursing|OR nursing
Oncology nursing|Cancer nursing
Wound care|Wound management|Wound dressing
Medication administration|Administering medication|Med pass|Medication management
Vital signs|Vital signs monitoring|Obs|Patient observations
Phlebotomy|Venipuncture|Blood draws|Blood collection
IV therapy|Intravenous therapy|IV insertion|Cannulation
Infection control|Infection prevention|IPC
Triage|Patient triage
Patient assessment|Clinical assessment|Health assessment
Care planning|Care plans|Nursing care plans
Discharge planning|Patient discharge
Catheterization|Urinary catheterization|Catheter care
Tracheostomy care|Trach care
Ventilator management|Mechanical ventilation|Ventilator care
Telemetry|Cardiac telemetry|Telemetry monitoring
Electrocardiography|ECG|EKG|12-lead ECG
Cardiac monitoring|Heart monitoring
Dialysis|Hemodialysis|Haemodialysis|Renal dialysis
Chemotherapy administration|Chemo administration|Chemotherapy
Pain management|Pain control
Diabetes management|Diabetes care|Diabetic care
Stroke care|Stroke nursing
Neonatal care|NICU|Neonatal intensive care
Labor and delivery|L&D|Labour and delivery
Personal care|Personal hygiene assistance|ADL assistance|Activities of daily living
Dementia care|Alzheimer's care|Memory care
Patient education|Health education|Patient teaching
Clinical documentation|Charting|Medical charting|Nursing documentation
Electronic health records|EHR|EMR|Electronic medical records
Epic Systems|Epic|Epic EHR|EpicCare
Cerner|Cerner Millennium|Oracle Health
Meditech|MEDITECH EHR
Medical terminology|Medical vocabulary
Anatomy and physiology|Anatomy|Physiology|A&P
Pharmacology|Drug knowledge
## medical specialties and procedures
General practice|Family medicine|Primary care|GP
Internal medicine|General medicine
Emergency medicine|Emergency care|Accident and emergency
Cardiology|Cardiac care|Cardiovascular medicine
Oncology|Cancer care|Medical oncology
Radiology|Diagnostic radiology|Medical imaging
Anesthesiology|Anaesthesiology|Anesthesia|Anaesthesia|Anaesthetics
Surgery|General surgery|Surgical procedures
Orthopedics|Orthopaedics|Orthopedic surgery|Ortho
Neurology|Neurological care|Neuro
Psychiatry|Psychiatric care
Pediatrics|Paediatrics|Child health|Peds
Obstetrics and gynecology|OB/GYN|OBGYN|Obstetrics and gynaecology|Obstetrics|Gynecology
Dermatology|Skin care medicine
Endocrinology|Endocrine care
Gastroenterology|GI medicine
Nephrology|Renal medicine|Kidney care
Pulmonology|Respiratory medicine|Pulmonary medicine
Urology|Urological care
Ophthalmology|Eye care|Ophthalmic care
Optometry|Optometrist|Eye examinations
Audiology|Hearing care|Audiologist
Dentistry|Dental care|General dentistry|Dental
Dental hygiene|Dental hygienist|Teeth cleaning
Dental assisting|Dental assistant|Chairside assisting
Orthodontics|Orthodontist|Braces
Oral surgery|Maxillofacial surgery
Pathology|Clinical pathology|Anatomic pathology
Hematology|Haematology|Blood disorders
Immunology|Allergy and immunology
Infectious diseases|Infectious disease medicine|ID medicine
Geriatrics|Geriatric medicine
Sports medicine|Sport medicine
Occupational health|Occupational medicine|Workplace health
Public health|Population health|Community health
Epidemiology|Epidemiologist
Physical therapy|Physiotherapy|PT|Physio
Occupational therapy|OT|Occupational therapist
Speech-language pathology|Speech therapy|SLP|Speech and language therapy
Respiratory therapy|Respiratory therapist|RT
Radiography|X-ray|X-ray imaging|Radiographer
Computed tomography|CT scan|CT|CAT scan
Magnetic resonance imaging|MRI|MRI scanning
Ultrasound|Sonography|Diagnostic medical sonography|Ultrasonography
Mammography|Breast imaging
Nuclear medicine|PET scan|PET imaging
Radiation therapy|Radiotherapy|Radiation oncology
Laboratory testing|Clinical laboratory|Medical laboratory|Lab testing
Microbiology|Microbiology lab
Histology|Histopathology|Histotechnology
Blood banking|Transfusion medicine|Blood bank
Pharmacy|Pharmacist|Pharmaceutical care
Pharmacy technician|Pharmacy tech|Dispensing
Compounding|Pharmacy compounding|Sterile compounding
Clinical trials|Clinical research|Clinical studies
Good clinical practice|GCP|ICH GCP
Pharmacovigilance|Drug safety|Adverse event reporting
Medical devices|Medical device|Med device
Regulatory affairs|Regulatory submissions|Reg affairs
Emergency medical services|EMS|Prehospital care|Paramedicine
First aid|First aider|First aid at work
Cardiopulmonary resuscitation|CPR|Resuscitation
Basic life support|BLS|BLS certified
Advanced cardiac life support|ACLS|ACLS certified
Pediatric advanced life support|PALS|PALS certified
Counseling|Counselling|Therapy counseling|Counselor
Psychotherapy|Talk therapy
Cognitive behavioral therapy|CBT|Cognitive behavioural therapy
Social work|Social worker|Casework|Case work
Case management|Care coordination|Case manager
Substance abuse counseling|Addiction counseling|Addiction counselling|Substance misuse
Applied behavior analysis|ABA|ABA therapy|Applied behaviour analysis
Nutrition|Dietetics|Dietitian|Nutritionist|Clinical nutrition
Medical coding|Clinical coding|Medical coder
ICD-10|ICD10|ICD-10-CM|ICD coding
CPT coding|CPT|Current Procedural Terminology
Medical billing|Healthcare billing|Medical biller
Revenue cycle management|RCM|Healthcare revenue cycle
Health information management|HIM|Medical records
Medical transcription|Medical transcriptionist
Medical receptionist|Front desk medical|Patient registration
Medical assisting|Medical assistant|Clinical assistant
Healthcare administration|Health administration|Hospital administration
Healthcare management|Health services management
Patient safety|Clinical safety
Clinical governance|Quality improvement healthcare
Veterinary medicine|Veterinary care|Vet care|Veterinary
Veterinary nursing|Vet nursing|Veterinary technician|Vet tech
Animal care|Animal husbandry|Animal handling
Massage therapy|Massage|Massage therapist
Chiropractic|Chiropractor|Chiropractic care
Acupuncture|Acupuncturist
Fitness instruction|Personal training|Personal trainer|Fitness coaching
Yoga instruction|Yoga teacher|Yoga
Caregiving|Caregiver|Care assistant|Support worker
Disability support|Disability care|NDIS support
Sterilization|Sterile processing|Decontamination|Sterilisation
Hospital pharmacy|Clinical pharmacy
"""

FINANCE = """
## accounting
Accounting|Accountancy|Accountant
Bookkeeping|Book keeping|Bookkeeper
Financial accounting|Financial reporting|Financial statements
Management accounting|Managerial accounting|Cost accounting
Accounts payable|AP|A/P|Payables
Accounts receivable|AR|A/R|Receivables|Collections
General ledger|GL|General ledger accounting
Bank reconciliation|Reconciliations|Account reconciliation|Bank recs
Month-end close|Month end close|Month-end closing|Financial close|Period-end close
Year-end close|Year end close|Year-end closing
Journal entries|Journals|Journal entry
Accruals|Accrual accounting|Prepayments
Fixed assets|Fixed asset accounting|Asset register
Depreciation|Amortization|Amortisation
Payroll|Payroll processing|Payroll administration
Invoicing|Billing|Invoice processing
Expense management|Expense reports|Expenses
Budgeting|Budgets|Budget management|Budget preparation
Forecasting financials|Financial forecasting|Cash flow forecasting
Financial planning and analysis|FP&A|FPA|Financial planning
Financial analysis|Financial analyst|Ratio analysis
Financial modeling|Financial modelling|Financial models|DCF modeling
Variance analysis|Budget variance|Variance reporting
Cost control|Cost management|Cost reduction
Cash management|Cash flow management|Treasury operations
Treasury|Treasury management|Corporate treasury
Tax accounting|Taxation|Tax|Tax preparation
Corporate tax|Corporation tax|Company tax
Personal tax|Individual tax|Income tax returns
VAT|Value added tax|VAT returns|GST|Sales tax
Transfer pricing|TP documentation
Auditing|Audit|Audits|Statutory audit
Internal audit|Internal auditing|IA audit
External audit|External auditing|Financial audit
IFRS|International Financial Reporting Standards|IFRS 9|IFRS 15|IFRS 16
US GAAP|GAAP|Generally accepted accounting principles
Consolidation|Financial consolidation|Group consolidation
Revenue recognition|ASC 606|Rev rec
SOX compliance|Sarbanes-Oxley|SOX|SOX 404
Internal controls|Internal control|Controls testing
Forensic accounting|Forensic accountant
Intercompany accounting|Intercompany reconciliation|Intercompany
Inventory accounting|Stock accounting|Inventory valuation
QuickBooks|QuickBooks Online|QBO|Intuit QuickBooks
Xero|Xero accounting
Sage|Sage 50|Sage Intacct|Sage accounting
FreshBooks|Fresh Books
Hyperion|Oracle Hyperion|Hyperion Planning
Anaplan|Anaplan planning
BlackLine|Black Line
Concur|SAP Concur
Bill.com|BILL|Bill dot com
## finance and banking
Corporate finance|Corporate financial management
Investment banking|IB|Investment banker
Mergers and acquisitions|M&A|Mergers & acquisitions
Due diligence|Financial due diligence|DD
Valuation|Business valuation|Company valuation
Equity research|Equity analyst|Sell-side research
Portfolio management|Portfolio manager|Investment management|Asset management
Wealth management|Private wealth|Private banking
Financial advising|Financial advice|Financial adviser|Financial advisor
Retirement planning|Pension planning|Pensions
Estate planning|Estate administration|Trusts and estates
Risk management|Risk analysis|Enterprise risk management|ERM
Credit risk|Credit analysis|Credit risk analysis|Credit assessment
Market risk|Market risk management
Operational risk|Operational risk management|OpRisk
Liquidity risk|Liquidity management
Anti-money laundering|AML|AML compliance|Anti money laundering
Know your customer|KYC|Customer due diligence|CDD
Regulatory compliance|Compliance|Compliance management
Basel III|Basel regulations|Basel IV
MiFID II|MiFID
Underwriting|Underwriter|Loan underwriting
Mortgage lending|Mortgages|Mortgage processing|Mortgage underwriting
Loan origination|Loan processing|Lending
Commercial banking|Business banking
Retail banking|Personal banking|Branch banking
Bank teller|Teller|Cash handling|Cashiering
Trading|Trader|Securities trading
Equities|Equity trading|Stocks
Fixed income|Bonds|Fixed income trading
Derivatives|Options|Futures|Swaps
Foreign exchange|FX|Forex|FX trading
Quantitative finance|Quant finance|Quantitative analyst
Algorithmic trading|Algo trading|Systematic trading
Bloomberg Terminal|Bloomberg|Bloomberg Professional
Capital markets|Capital market
Private equity|PE|Buyouts
Venture capital|VC|Venture investing
Hedge funds|Hedge fund
Fund accounting|Fund administration|NAV calculation
Insurance|Insurance industry|Insurance products
Insurance claims|Claims handling|Claims processing|Claims adjusting
Actuarial science|Actuarial|Actuary|Actuarial analysis
Loss adjusting|Loss adjuster
Reinsurance|Re-insurance
Payments|Payment processing|Payments industry
Fintech|Financial technology|FinTech
Cryptocurrency|Crypto|Bitcoin|Digital assets
Financial regulation|Financial services regulation
Procurement finance|Purchase to pay|P2P|Procure to pay
Order to cash|O2C|OTC process
Record to report|R2R|RTR
Credit control|Credit management|Debt collection
Economics|Economist|Economic analysis
Grant management|Grants management|Grant administration
"""
