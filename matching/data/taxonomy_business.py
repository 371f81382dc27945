"""Curated business and trade skills, same format as taxonomy_tech.py."""

SALES = """
## sales
Sales|Selling|Sales experience
B2B sales|Business-to-business sales|B2B selling|B2B
B2C sales|Business-to-consumer sales|B2C selling|B2C
Inside sales|Inside sales representative|Telesales
Outside sales|Field sales|Territory sales
Enterprise sales|Enterprise selling|Strategic sales
SaaS sales|Software sales|Technology sales
Solution selling|Solutions selling|Consultative selling|Consultative sales
Account management|Account manager|Key account management|KAM
Business development|Biz dev|BizDev|BD
Lead generation|Lead gen|Prospecting|Sales prospecting
Cold calling|Cold calls|Outbound calling
Cold emailing|Outbound email|Cold outreach
Sales pipeline management|Pipeline management|Sales pipeline
Sales forecasting|Revenue forecasting|Pipeline forecasting
Closing|Deal closing|Closing deals
Negotiation|Negotiating|Contract negotiation|Negotiations
Upselling|Cross-selling|Upsell|Cross-sell
Retail sales|Retail sales associate|Shop floor sales
Sales management|Sales manager|Sales leadership
Sales operations|Sales ops|Revenue operations|RevOps
Sales enablement|Sales training
Channel sales|Partner sales|Channel partnerships|Partner management
Pre-sales|Presales|Sales engineering|Sales engineer
Customer success|Customer success management|CSM
Territory management|Territory planning
Quota attainment|Quota achievement|Meeting quota
Request for proposal|RFP|RFPs|Tender responses|Bid writing
Proposal writing|Proposals|Sales proposals
MEDDIC|MEDDPICC
SPIN selling|SPIN
Challenger sale|Challenger selling
Value selling|Value-based selling
Sales presentations|Product demonstrations|Product demos|Demos
Merchandising|Visual merchandising|Merchandiser
Real estate sales|Real estate|Property sales|Realtor|Estate agency
Property management|Property manager|Lettings|Letting management
Leasing|Lease administration|Tenant relations
Pharmaceutical sales|Pharma sales|Medical sales|Medical device sales
Automotive sales|Car sales|Vehicle sales
Insurance sales|Insurance agent|Insurance broking
Salesforce Sales Cloud|Sales Cloud
LinkedIn Sales Navigator|Sales Navigator
Outreach.io|Outreach sales engagement
Gong|Gong.io
"""

MARKETING = """
## marketing
Marketing|Marketer|Marketing strategy
Digital marketing|Online marketing|Internet marketing
Content marketing|Content strategy|Content creation
Social media marketing|SMM|Social media|Social media management
Community management|Community manager|Online community
Influencer marketing|Influencer partnerships|Creator marketing
Email marketing|Email campaigns|E-mail marketing|Newsletter marketing
Marketing automation|Automated marketing
Search engine optimization|SEO|Search engine optimisation|On-page SEO|Technical SEO
Search engine marketing|SEM|Paid search|PPC|Pay per click|Pay-per-click
Google Ads|Google AdWords|AdWords
Facebook Ads|Meta Ads|Facebook advertising|Meta advertising
LinkedIn Ads|LinkedIn advertising
TikTok Ads|TikTok advertising
Display advertising|Programmatic advertising|Programmatic|Display ads
Affiliate marketing|Affiliates|Affiliate programs
Performance marketing|Growth marketing|Growth hacking
Conversion rate optimization|CRO|Conversion optimisation|Conversion rate optimisation
Marketing analytics|Marketing measurement|Attribution modeling
Product marketing|Product marketer|Go-to-market|GTM strategy
Brand management|Brand manager|Brand strategy
Public relations|PR|Media relations|Press relations
Corporate communications|Internal communications|Comms
Crisis communications|Crisis management communications
Event marketing|Events|Event management|Event planning|Event coordination
Trade shows|Exhibitions|Trade show marketing
Advertising|Ad campaigns|Advertising campaigns
Media planning|Media buying|Media buyer
Campaign management|Marketing campaigns|Campaign planning
Account-based marketing|ABM|Account based marketing
Demand generation|Demand gen
Customer segmentation|Market segmentation|Segmentation
Customer journey mapping|Customer journey|Journey mapping
Marketing research|Consumer research|Consumer insights
Competitive analysis|Competitor analysis|Competitive intelligence
Pricing strategy|Pricing|Price optimization
Direct marketing|Direct mail
Trade marketing|Shopper marketing
Video marketing|YouTube marketing
Podcast production|Podcasting|Podcasts
Copywriting for marketing|Marketing copy|Marketing copywriting
Semrush|SEMrush
Ahrefs|Ahrefs SEO
Hootsuite|Hoot suite
Buffer|Buffer social
Sprout Social|SproutSocial
Google Tag Manager|GTM|Tag management
Salesforce Marketing Cloud|Marketing Cloud|ExactTarget
Klaviyo|Klaviyo email
Braze|Braze CRM
Customer.io|Customer io
Marketing operations|Marketing ops|MOps
Loyalty programs|Loyalty marketing|Customer loyalty|Loyalty programmes
E-commerce|Ecommerce|eCommerce|Online retail
Marketplace management|Amazon Seller Central|Amazon marketplace
"""

LOGISTICS = """
## logistics and supply chain
Logistics|Logistics management|Logistics coordination
Supply chain management|SCM|Supply chain
Procurement|Purchasing|Buying|Procurement management
Strategic sourcing|Sourcing|Supplier sourcing
Vendor management|Supplier management|Supplier relationship management|SRM
Inventory management|Inventory control|Stock control|Stock management
Warehouse management|Warehousing|Warehouse operations
Warehouse management systems|WMS|Warehouse management system
Order fulfillment|Order fulfilment|Fulfillment|Pick and pack
Order picking|Picking|Pickers
Packing|Packaging operations|Packer
Shipping and receiving|Shipping|Receiving|Goods in
Forklift operation|Forklift|Forklift driving|Forklift operator|FLT
Reach truck|Reach truck operation
Pallet jack|Pallet truck|Pump truck
Material handling|Materials handling
Freight forwarding|Freight forwarder|Freight
Customs clearance|Customs brokerage|Customs compliance|Customs
Import/export|Import and export|International trade|Imports|Exports
Incoterms|Incoterms 2020
Transportation management|Transport management|Transport planning
Transportation management systems|TMS|Transport management system
Fleet management|Fleet operations|Fleet manager
Route planning|Route optimization|Routing planning
Dispatching|Dispatch|Dispatcher|Load planning
Truck driving|Truck driver|HGV driving|Lorry driving|Trucking
Commercial driving|CDL|Commercial driver's license|Class A CDL
Delivery driving|Delivery driver|Courier|Van driving
Last-mile delivery|Last mile|Last mile logistics
Cold chain|Cold chain logistics|Temperature-controlled logistics
Hazardous materials handling|Hazmat|Dangerous goods|HAZMAT handling|ADR
Demand planning|Demand planner|Supply planning
Sales and operations planning|S&OP|S and OP
Material requirements planning|MRP|MRP II
Production planning|Production scheduling|Production planner
Distribution|Distribution management|Distribution center operations
3PL|Third-party logistics|Third party logistics
Reverse logistics|Returns management|Returns processing
Cycle counting|Cycle counts|Stock counts|Stocktaking
Barcode scanning|RF scanning|Barcode scanners|RF guns
Shipping documentation|Bills of lading|Bill of lading|BOL
Air freight|Air cargo
Ocean freight|Sea freight|Maritime shipping
Rail freight|Intermodal transport|Intermodal
Port operations|Stevedoring|Terminal operations
Aviation operations|Airline operations|Ground handling
Purchase orders|PO processing|Purchase order management
Contract management|Contract administration|Contracts management
Category management|Category manager
Spend analysis|Spend management
Supply chain analytics|Supply chain analysis
Lean logistics|Lean supply chain
Oracle SCM|Oracle Supply Chain
SAP EWM|SAP Extended Warehouse Management|SAP WM
Manhattan WMS|Manhattan Associates
Blue Yonder|JDA Software|JDA
Coupa|Coupa procurement
Ariba|SAP Ariba
"""

HOSPITALITY = """
## hospitality and food service
Hospitality|Hospitality management|Hospitality industry
Hotel management|Hotel operations|Hotel manager
Front desk operations|Front desk|Front office|Hotel reception
Reservations|Booking management|Reservations management
Concierge|Concierge services|Guest services
Housekeeping|Housekeeper|Room attendant|Housekeeping management
Guest relations|Guest experience|Guest satisfaction
Revenue management|Yield management|Hotel revenue management
Opera PMS|Oracle Opera|Opera property management
Property management systems|PMS|Hotel PMS
Food and beverage|F&B|Food & beverage service|F&B operations
Restaurant management|Restaurant manager|Restaurant operations
Food service|Foodservice|Food service operations
Cooking|Cook|Line cook|Culinary|Culinary arts
Chef de partie|CDP|Station chef
Sous chef|Sous-chef
Head chef|Executive chef|Chef de cuisine
Pastry|Pastry chef|Baking|Baker|Patisserie
Food preparation|Food prep|Prep cook
Menu planning|Menu development|Menu design
Food safety|Food hygiene|HACCP|Food safety and hygiene|ServSafe
Kitchen management|Kitchen operations|Back of house|BOH
Catering|Caterer|Catering services|Banqueting|Banquets
Bartending|Bartender|Mixology|Cocktail making|Bar work
Barista|Coffee making|Espresso making|Coffee service
Sommelier|Wine service|Wine knowledge|Wine pairing
Waiting tables|Waiter|Waitress|Server|Table service|Waitstaff
Front of house|FOH|Host|Hostess|Restaurant host
Point of sale|POS|POS systems|Point-of-sale|Till operation
Cash register|Cashier|Checkout operator
Travel and tourism|Tourism|Travel industry
Travel planning|Travel agent|Travel consultant|Tour booking
Tour guiding|Tour guide|Tour leader
Event venue management|Venue management|Venue operations
Wedding planning|Wedding planner
Casino operations|Casino|Gaming dealer|Croupier
Spa management|Spa therapy|Spa services
Cleaning|Janitorial|Janitor|Commercial cleaning|Custodial
Laundry operations|Laundry|Linen management
Dishwashing|Dishwasher|Kitchen porter|Kitchen porter duties
Food costing|Recipe costing|Food cost control
Beverage management|Bar management|Bar manager
Quick service restaurants|QSR|Fast food|Fast food service
Cruise ship operations|Cruise industry
Airline customer service|Flight attendant|Cabin crew
Security guarding|Security officer|Security guard|Door supervision
"""

CONSTRUCTION = """
## construction and trades
Construction|Construction industry|Building construction
Construction management|Construction manager|Site management|Site manager
Project management in construction|Construction project management
Site supervision|Site supervisor|Foreman|Construction supervision
Quantity surveying|Quantity surveyor|QS|Cost estimating construction
Estimating|Cost estimating|Estimator|Construction estimating
Building information modeling|BIM|Building information modelling|BIM modeling
Blueprint reading|Reading blueprints|Reading drawings|Blueprints
Carpentry|Carpenter|Joinery|Joiner|Framing
Cabinet making|Cabinetmaker|Cabinetry
Bricklaying|Bricklayer|Masonry|Mason
Concrete work|Concrete|Concrete finishing|Concreting
Plastering|Plasterer|Drywall|Drywall installation|Drylining
Painting and decorating|Painter|Decorator|Painting
Plumbing|Plumber|Pipefitting|Pipe fitting
Electrical installation|Electrician|Electrical wiring|Electrical work
Electrical maintenance|Maintenance electrician
HVAC|Heating ventilation and air conditioning|HVAC installation|HVAC-R
Refrigeration|Refrigeration engineering|Refrigeration technician
Gas fitting|Gas engineer|Gas Safe|Gas fitter
Welding|Welder|MIG welding|TIG welding|Arc welding|Stick welding
Fabrication|Metal fabrication|Steel fabrication|Fabricator
Roofing|Roofer|Roof installation
Tiling|Tiler|Tile setting|Floor tiling
Flooring|Floor installation|Floor layer
Glazing|Glazier|Window installation
Scaffolding|Scaffolder|Scaffold erection
Demolition|Demolition work
Excavation|Earthworks|Digging|Groundworks
Heavy equipment operation|Heavy machinery|Plant operation|Plant operator
Excavator operation|Excavator operator|Digger driving
Crane operation|Crane operator|Tower crane|Mobile crane
Landscaping|Landscaper|Gardening|Grounds maintenance|Groundskeeping
Building maintenance|Facilities maintenance|Maintenance technician|Handyman
Facilities management|Facility management|FM|Facilities manager
Property maintenance|Property repairs
Renovation|Remodeling|Refurbishment|Home renovation
Insulation|Insulation installation
Solar panel installation|Solar installation|PV installation|Solar PV
EV charger installation|EV charging installation
Fire alarm systems|Fire alarms|Fire detection systems
Fire protection|Fire safety|Sprinkler systems
Elevator maintenance|Lift engineer|Elevator mechanic
Locksmithing|Locksmith
Surveying|Land surveying|Surveyor|Topographic surveying
Building codes|Building regulations|Code compliance
Construction safety|Site safety|Construction health and safety
Occupational health and safety|OHS|OH&S|Workplace safety|Health and safety|EHS|HSE
OSHA|OSHA 10|OSHA 30|OSHA compliance
Risk assessments|Risk assessment|Method statements|RAMS
Permit to work|Permits to work|PTW
Working at heights|Working at height|Fall protection
Confined space|Confined space entry
Lockout/tagout|LOTO|Lockout tagout
Power tools|Hand tools|Tool operation
Construction scheduling|Primavera P6|Primavera|Oracle Primavera
Procore|Procore construction
Bluebeam|Bluebeam Revu
Snagging|Punch lists|Punch list
Civil works|Civil construction|Infrastructure construction
Road construction|Highways|Highway construction|Road works
Tunneling|Tunnelling|Tunnel construction
Steel erection|Ironworking|Ironworker|Structural steel erection
Formwork|Shuttering|Formwork carpentry
Rebar|Steel fixing|Steel fixer|Reinforcement
Pipelaying|Pipe laying|Drainage|Drain laying
Interior fit-out|Fit-out|Shopfitting|Fit out
"""
