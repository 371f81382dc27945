"""Curated technology skills: one skill a line, `Name|alias|alias`.

`## group` starts a themed group: neighbours in a group are related (see
build_taxonomy.py). Aliases are real spellings people write in resumes and job ads.
"""

TECHNOLOGY = """
## programming languages
Python|Python 3|Python3|Python 2|py
Java|Java SE|Java EE|Jakarta EE|J2EE|Core Java
JavaScript|JS|ECMAScript|ES6|ES2015|Vanilla JS|Vanilla JavaScript
TypeScript|TS
C|ANSI C|C language|C99|C11
C++|CPP|C plus plus|Cplusplus|C++11|C++17|C++20
C#|CSharp|C sharp|C-Sharp|Visual C#
Go|Golang|Go language|Go lang
Rust|Rust language|Rustlang
Ruby|Ruby language
PHP|PHP 7|PHP 8|PHP7|PHP8
Kotlin|Kotlin language
Swift|Swift language|Swift 5|SwiftLang
Objective-C|ObjC|Obj-C|Objective C
Scala|Scala language
R|R language|R programming|RStudio
MATLAB|Matlab programming
Julia|Julia language|JuliaLang
Perl|Perl 5|Perl5
Haskell|Haskell language
Elixir|Elixir language
Erlang|Erlang/OTP
Clojure|ClojureScript
F#|FSharp|F sharp
Dart|Dart language
Lua|Lua scripting
Groovy|Apache Groovy
Visual Basic|VB|VB.NET|VBNET|Visual Basic .NET
VBA|Visual Basic for Applications|Excel VBA|Excel macros
COBOL|Cobol programming
Fortran|FORTRAN 90|Fortran 90
Assembly language|Assembler|ASM|x86 assembly|ARM assembly
Shell scripting|Shell script|Shell scripts
Bash|Bash scripting|Bash script|GNU Bash
PowerShell|Power Shell|PS scripting
Zsh|Z shell
SQL|Structured Query Language|SQL queries
PL/SQL|PLSQL|Oracle PL/SQL
T-SQL|TSQL|Transact-SQL|Transact SQL
Solidity|Solidity smart contracts
Zig|Zig language
Nim|Nim language
Crystal|Crystal language
OCaml|Objective Caml
Elm|Elm language
Prolog|Prolog programming
Lisp|Common Lisp
Scheme|Racket
Pascal|Object Pascal|Delphi
Ada|Ada programming
ABAP|SAP ABAP|ABAP programming
Apex|Salesforce Apex
SAS|SAS programming|SAS Base|Base SAS
Stata|Stata programming
SPSS|IBM SPSS|SPSS Statistics
VHDL|VHDL design
Verilog|SystemVerilog|System Verilog
CUDA|CUDA programming|Nvidia CUDA
OpenCL|Open CL
WebAssembly|WASM|Web Assembly
GraphQL|Graph QL|GQL
HTML|HTML5|HTML 5|Hypertext Markup Language
CSS|CSS3|CSS 3|Cascading Style Sheets
Sass|SCSS|Syntactically Awesome Style Sheets
Less|LESS CSS
XML|Extensible Markup Language
JSON|JavaScript Object Notation
YAML|YML
Markdown|MD markdown
LaTeX|Latex typesetting|TeX
Regular expressions|Regex|RegExp|Regexes
## front-end frameworks
React|ReactJS|React.js|React JS|React 18|React Hooks
Angular|Angular 2+|Angular2|AngularJS 2|Angular 14|Angular 16
AngularJS|Angular.js|Angular 1|Angular 1.x
Vue.js|Vue|VueJS|Vue 3|Vue 2|Vue JS
Svelte|SvelteJS|Svelte.js
SvelteKit|Svelte Kit
Next.js|NextJS|Next JS|Next
Nuxt.js|Nuxt|NuxtJS
Gatsby|GatsbyJS|Gatsby.js
Remix|Remix.run|Remix Run
Ember.js|Ember|EmberJS
Backbone.js|Backbone|BackboneJS
jQuery|JQuery UI|jQueryUI
Redux|Redux Toolkit|RTK
MobX|Mobx State Tree
RxJS|ReactiveX|Rx.js
Alpine.js|AlpineJS|Alpine JS
htmx|HTMX library
Solid.js|SolidJS|Solid JS
Preact|PreactJS|Preact.js
Lit|Lit Element|LitElement
Web Components|Custom Elements|Shadow DOM
Bootstrap|Twitter Bootstrap|Bootstrap 5|Bootstrap 4
Tailwind CSS|Tailwind|TailwindCSS
Material UI|MUI|Material-UI
Chakra UI|ChakraUI
Ant Design|AntD
Storybook|Storybook.js|StorybookJS
Webpack|WebpackJS|Webpack 5
Vite|ViteJS|Vite.js
Babel|BabelJS|Babel.js
esbuild|ES build
Rollup|Rollup.js|RollupJS
Parcel|ParcelJS|Parcel bundler
Three.js|ThreeJS|Three JS
D3.js|D3|D3JS
Chart.js|ChartJS
## back-end frameworks
Node.js|Node|NodeJS|Node JS
Express.js|Express|ExpressJS
NestJS|Nest.js|Nest JS
Fastify|Fastify.js
Koa|Koa.js|KoaJS
Deno|Deno runtime
Bun|Bun runtime|Bun.js
Django|Django framework|Django 4|Django 5
Django REST framework|DRF|Django Rest|Django REST
Flask|Flask framework|Flask microframework
FastAPI|Fast API
Pyramid|Pyramid framework
Tornado|Tornado web
Celery|Celery workers|Celery tasks
SQLAlchemy|SQL Alchemy
Pydantic|Pydantic models
Spring|Spring Framework|Spring MVC
Spring Boot|SpringBoot|Spring-Boot
Hibernate|Hibernate ORM|JPA
Jakarta Servlets|Java Servlets|Servlets
Quarkus|Quarkus framework
Micronaut|Micronaut framework
Ruby on Rails|Rails|RoR|Ruby-on-Rails
Sinatra|Sinatra framework
Laravel|Laravel framework|Laravel 10
Symfony|Symfony framework
CodeIgniter|Code Igniter
Yii|Yii framework|Yii2
Zend Framework|Laminas
ASP.NET|ASP NET|ASP.NET MVC
ASP.NET Core|ASPNET Core|.NET Core MVC
.NET|Dotnet|Dot NET|.NET Framework
.NET Core|Dotnet Core|.NET 6|.NET 7|.NET 8
Entity Framework|EF Core|Entity Framework Core
Blazor|Blazor WebAssembly
WPF|Windows Presentation Foundation
WinForms|Windows Forms
Xamarin|Xamarin Forms
Phoenix|Phoenix framework
Gin|Gin Gonic|Gin framework
Echo|Echo framework
Actix|Actix Web
Rocket|Rocket.rs
Axum|Axum framework
Ktor|Ktor framework
Play Framework|Play framework Scala
Akka|Akka actors
gRPC|gRPC services
Protocol Buffers|Protobuf|protobufs
REST APIs|REST|RESTful|RESTful APIs|REST API|RESTful services
SOAP|SOAP web services
OpenAPI|Swagger|OpenAPI Specification
WebSockets|Websocket|Web sockets
Microservices|Microservice architecture|Micro services
Event-driven architecture|EDA|Event driven architecture
Domain-driven design|DDD|Domain driven design
Serverless|Serverless architecture
## mobile
Android|Android development|Android SDK
iOS|iOS development|iOS SDK
React Native|ReactNative|RN
Flutter|Flutter SDK|Flutter development
Ionic|Ionic Framework
Cordova|Apache Cordova|PhoneGap
SwiftUI|Swift UI
UIKit|UI Kit
Jetpack Compose|Compose UI
Kotlin Multiplatform|KMP|KMM
Xcode|XCode IDE
Android Studio|AndroidStudio
Core Data|CoreData
Firebase|Google Firebase|Firebase SDK
## databases
PostgreSQL|Postgres|PSQL|Postgre SQL|PostGIS
MySQL|My SQL
MariaDB|Maria DB
SQLite|SQLite3
Oracle Database|Oracle DB|Oracle RDBMS|Oracle SQL
Microsoft SQL Server|SQL Server|MSSQL|MS SQL Server|MS SQL
IBM Db2|DB2
MongoDB|Mongo|Mongo DB
Redis|Redis cache|Redis Cluster
Memcached|Memcache
Cassandra|Apache Cassandra
ScyllaDB|Scylla
Amazon DynamoDB|DynamoDB|Dynamo DB
Couchbase|Couchbase Server
CouchDB|Apache CouchDB
Neo4j|Neo4J graph|Cypher
Elasticsearch|Elastic Search|ES cluster
OpenSearch|Open Search
Apache Solr|Solr
InfluxDB|Influx DB
TimescaleDB|Timescale
ClickHouse|Click House
Snowflake|Snowflake data warehouse
Google BigQuery|BigQuery|Big Query
Amazon Redshift|Redshift
Azure Cosmos DB|CosmosDB|Cosmos DB
Firestore|Cloud Firestore
Supabase|Supabase DB
CockroachDB|Cockroach DB
Teradata|Teradata SQL
Microsoft Access|MS Access|Access database
Database design|Data modeling|Database modelling|Schema design
Database administration|DBA|Database admin
Query optimization|SQL tuning|Query tuning|Performance tuning SQL
Database replication|DB replication
Stored procedures|Stored procs
ORM|Object-relational mapping
## cloud
Amazon Web Services|AWS|Amazon AWS|AWS Cloud
Microsoft Azure|Azure|MS Azure|Azure Cloud
Google Cloud Platform|GCP|Google Cloud
Oracle Cloud|OCI|Oracle Cloud Infrastructure
IBM Cloud|Bluemix
DigitalOcean|Digital Ocean
Heroku|Heroku platform
Cloudflare|Cloudflare Workers
Vercel|Vercel platform
Netlify|Netlify hosting
OpenStack|Open Stack
AWS Lambda|Lambda functions|Amazon Lambda
Amazon EC2|EC2|AWS EC2
Amazon S3|S3|AWS S3
Amazon RDS|RDS|AWS RDS
Amazon ECS|ECS|AWS ECS
Amazon EKS|EKS|AWS EKS
AWS CloudFormation|CloudFormation|CFN
AWS IAM|IAM|Identity and access management
Amazon SQS|SQS|AWS SQS
Amazon SNS|SNS|AWS SNS
Amazon CloudWatch|CloudWatch|AWS CloudWatch
Amazon API Gateway|API Gateway|AWS API Gateway
AWS Step Functions|Step Functions
Amazon Kinesis|Kinesis|AWS Kinesis
AWS Glue|Glue ETL
Amazon SageMaker|SageMaker|AWS SageMaker
Amazon Athena|Athena|AWS Athena
Amazon Route 53|Route 53|Route53
Amazon CloudFront|CloudFront|AWS CloudFront
AWS CDK|Cloud Development Kit|CDK
Azure Functions|Azure Function
Azure DevOps|ADO|VSTS|Azure Pipelines
Azure Kubernetes Service|AKS
Azure Active Directory|Azure AD|AAD|Microsoft Entra ID|Entra ID
Azure Data Factory|ADF
Azure Synapse|Synapse Analytics
Google Kubernetes Engine|GKE
Google Cloud Functions|Cloud Functions
Google Cloud Run|Cloud Run
Google App Engine|App Engine|GAE
Google Cloud Storage|GCS
Google Pub/Sub|PubSub|Cloud Pub/Sub
Cloud architecture|Cloud architect|Cloud design
Cloud security|Cloud sec
Multi-cloud|Multicloud|Hybrid cloud
Cloud migration|Migration to cloud
FinOps|Cloud cost optimization|Cloud cost management
## devops and infrastructure
DevOps|Dev Ops|DevOps practices
Site reliability engineering|SRE|Site Reliability
Docker|Docker containers|Dockerfile|Docker Compose
Kubernetes|K8s|Kube|K8S cluster
Helm|Helm charts
OpenShift|Red Hat OpenShift
Podman|Podman containers
Containerization|Containers|Containerisation
Terraform|HashiCorp Terraform|Terraform Cloud
Pulumi|Pulumi IaC
Ansible|Ansible playbooks|Red Hat Ansible
Chef|Chef Infra
Puppet|Puppet Enterprise
SaltStack|Salt|Salt Stack
Vagrant|HashiCorp Vagrant
Packer|HashiCorp Packer
HashiCorp Vault|Vault secrets
Consul|HashiCorp Consul
Nomad|HashiCorp Nomad
Infrastructure as code|IaC|Infrastructure-as-code
CI/CD|CICD|Continuous integration|Continuous delivery|Continuous deployment
Jenkins|Jenkins pipelines|Jenkinsfile
GitHub Actions|GH Actions
GitLab CI|GitLab CI/CD|GitLab pipelines
CircleCI|Circle CI
Travis CI|TravisCI
TeamCity|Team City
Bamboo|Atlassian Bamboo
Argo CD|ArgoCD|Argo
Flux|FluxCD
Spinnaker|Spinnaker CD
Git|Git version control|Git SCM
GitHub|Github.com
GitLab|Gitlab.com
Bitbucket|Atlassian Bitbucket
Subversion|SVN|Apache Subversion
Mercurial|Hg
Linux|Linux administration|GNU/Linux|Linux systems
Ubuntu|Ubuntu Linux|Ubuntu Server
Red Hat Enterprise Linux|RHEL|Red Hat Linux
CentOS|Cent OS
Debian|Debian Linux
Unix|UNIX systems|Solaris|AIX
Windows Server|Win Server|Windows Server 2019|Windows Server 2022
macOS|Mac OS|OS X|Mac OSX
Nginx|NGINX web server|Engine X
Apache HTTP Server|Apache httpd|Apache web server
HAProxy|HA Proxy
Envoy|Envoy proxy
Istio|Istio service mesh
Service mesh|Linkerd
Prometheus|Prometheus monitoring
Grafana|Grafana dashboards
Datadog|Data Dog
New Relic|NewRelic
Splunk|Splunk Enterprise
ELK Stack|ELK|Elastic Stack
Kibana|Kibana dashboards
Logstash|Log stash
Fluentd|Fluent Bit
OpenTelemetry|OTel|Open Telemetry
Jaeger|Jaeger tracing
Sentry|Sentry.io
PagerDuty|Pager Duty
Nagios|Nagios Core
Zabbix|Zabbix monitoring
Observability|Monitoring and observability
Incident management|Incident response|On-call
Load balancing|Load balancers|Load balancer
Caching|Cache design|Caching strategies
Content delivery networks|CDN|CDNs
Message queues|Message queuing|Message broker
Apache Kafka|Kafka|Kafka Streams
RabbitMQ|Rabbit MQ|AMQP
ActiveMQ|Apache ActiveMQ
NATS|NATS messaging
ZeroMQ|ZMQ|0MQ
## networking and systems
Computer networking|Networking|Network administration
TCP/IP|TCP IP|TCP|Internet protocol suite
DNS|Domain Name System
DHCP|Dynamic Host Configuration Protocol
HTTP|HTTPS|HTTP/2|HTTP protocol
VPN|Virtual private network|VPNs
Firewalls|Firewall configuration|Firewall
Routing and switching|Routing|Switching
Cisco networking|Cisco IOS|Cisco routers
Juniper|Junos|Juniper Networks
BGP|Border Gateway Protocol
OSPF|Open Shortest Path First
VLAN|VLANs|Virtual LAN
SD-WAN|SDWAN|Software-defined WAN
Wi-Fi|WiFi|Wireless networking|WLAN
Network security|NetSec|Network protection
VMware|VMware vSphere|vSphere|ESXi
Hyper-V|HyperV|Microsoft Hyper-V
Virtualization|Virtualisation|Server virtualization
Citrix|Citrix XenApp|Citrix Virtual Apps
Active Directory|AD|MS Active Directory
Group Policy|GPO|Group Policy Objects
LDAP|Lightweight Directory Access Protocol
Microsoft Exchange|Exchange Server|MS Exchange
Microsoft 365 administration|Office 365 administration|O365 admin|M365 admin
System administration|Sysadmin|Systems administration
IT support|Technical support|Tech support|Helpdesk|Help desk
Desktop support|End-user support|EUC
ITIL|ITIL v4|ITIL Foundation framework
ServiceNow|Service Now|SNOW
Backup and recovery|Backup|Disaster recovery|DR
Storage area networks|SAN|NAS|Storage administration
## security
Cybersecurity|Cyber security|Information security|InfoSec|IT security
Penetration testing|Pen testing|Pentesting|Ethical hacking
Vulnerability assessment|Vulnerability management|Vuln management
Security operations|SOC|Security operations center
SIEM|Security information and event management
Threat intelligence|Cyber threat intelligence|CTI
Threat modeling|Threat modelling
Identity management|IdM|IAM governance
OAuth|OAuth 2.0|OAuth2
OpenID Connect|OIDC
SAML|SAML 2.0|Security Assertion Markup Language
Single sign-on|SSO|Single sign on
Multi-factor authentication|MFA|2FA|Two-factor authentication
Public key infrastructure|PKI|Certificates management
Cryptography|Encryption|Crypto algorithms
TLS|SSL|SSL/TLS|Transport Layer Security
OWASP|OWASP Top 10
Application security|AppSec|Secure coding
DevSecOps|Dev Sec Ops|Security automation
Static analysis|SAST|Static application security testing
Dynamic analysis|DAST|Dynamic application security testing
Burp Suite|Burp|BurpSuite
Metasploit|Metasploit Framework
Wireshark|Packet analysis|Ethereal
Nmap|Network mapper|Port scanning
Kali Linux|Kali
Malware analysis|Reverse engineering malware
Digital forensics|Computer forensics|DFIR
ISO 27001|ISO/IEC 27001|ISO27001
SOC 2|SOC2|SOC 2 Type II
GDPR|General Data Protection Regulation|EU GDPR
HIPAA compliance|HIPAA|Health Insurance Portability and Accountability Act
PCI DSS|PCI|PCI compliance|Payment Card Industry Data Security Standard
NIST Cybersecurity Framework|NIST CSF|NIST 800-53
Zero trust|Zero trust architecture|ZTA
Endpoint security|EDR|Endpoint detection and response
CrowdStrike|CrowdStrike Falcon
## testing
Software testing|QA|Quality assurance testing|Testing
Test automation|Automated testing|Automation testing|QA automation
Manual testing|Manual QA
Unit testing|Unit tests|Unit test
Integration testing|Integration tests
End-to-end testing|E2E testing|E2E tests
Test-driven development|TDD|Test driven development
Behavior-driven development|BDD|Behaviour-driven development
Selenium|Selenium WebDriver|WebDriver
Cypress|Cypress.io
Playwright|Microsoft Playwright
Puppeteer|Puppeteer.js
Jest|JestJS|Jest testing
Mocha|Mocha.js|MochaJS
Jasmine|Jasmine testing
Vitest|Vi test
Testing Library|React Testing Library|RTL testing
pytest|Py.test|Pytest framework
unittest|PyUnit
JUnit|JUnit 5|JUnit5
TestNG|Test NG
Mockito|Mockito mocks
Cucumber|Gherkin
Robot Framework|RobotFramework
Appium|Appium mobile testing
Postman|Postman API testing
SoapUI|Soap UI|ReadyAPI
JMeter|Apache JMeter
Gatling|Gatling load testing
k6|Grafana k6|k6 load testing
Load testing|Performance testing|Stress testing
Regression testing|Regression tests
User acceptance testing|UAT|Acceptance testing
Test planning|Test plans|Test strategy
Test case design|Test cases|Test case writing
Bug tracking|Defect tracking|Defect management
Accessibility testing|A11y testing|WCAG testing
## software engineering practices
Software development|Software engineering|Programming|Coding
Object-oriented programming|OOP|Object oriented programming|Object-oriented design|OOD
Functional programming|FP
Design patterns|GoF patterns|Software design patterns
Software architecture|Solution architecture|Systems architecture
System design|Distributed systems design
Distributed systems|Distributed computing
Data structures|Data structures and algorithms|DSA
Algorithms|Algorithm design
Concurrency|Multithreading|Multi-threading|Parallel programming
Asynchronous programming|Async programming|Async/await
API design|API development|API integration
Code review|Code reviews|Peer code review
Refactoring|Code refactoring
Clean code|Clean architecture|SOLID principles|SOLID
Technical documentation|Technical writing|Tech docs
Performance optimization|Performance tuning|Optimisation of performance
Debugging|Troubleshooting code|Debug
Version control|Source control|VCS
Web development|Web dev|Website development
Front-end development|Frontend|Front end|Frontend development|Front-end
Back-end development|Backend|Back end|Backend development|Back-end
Full-stack development|Full stack|Fullstack|Full-stack
Embedded systems|Embedded software|Embedded development|Firmware
Real-time operating systems|RTOS|FreeRTOS
Internet of Things|IoT|IIoT|Industrial IoT
Arduino|Arduino programming
Raspberry Pi|RaspberryPi|RPi
Microcontrollers|MCU|STM32|PIC microcontrollers
Game development|Game dev|Gamedev
Unity|Unity3D|Unity 3D|Unity engine
Unreal Engine|UE4|UE5|Unreal
Godot|Godot Engine
Blockchain|Distributed ledger|DLT
Ethereum|Ethereum smart contracts|EVM
Smart contracts|Smart contract development
Web3|Web 3|Web 3.0
Augmented reality|AR|ARKit|ARCore
Virtual reality|VR|Oculus|Meta Quest
Computer graphics|Graphics programming
OpenGL|Open GL|WebGL
Vulkan|Vulkan API
DirectX|Direct3D
Compilers|Compiler design|Compiler construction
Operating systems|OS internals|Kernel development
Linux kernel|Kernel programming
Mainframe|IBM mainframe|z/OS|zOS
JCL|Job Control Language
CICS|IBM CICS
## productivity and collaboration tools
Jira|Atlassian Jira|JIRA Software
Confluence|Atlassian Confluence
Trello|Trello boards
Asana|Asana project management
Monday.com|Monday|monday dot com
Notion|Notion workspace
ClickUp|Click Up
Basecamp|Basecamp HQ
Slack|Slack administration
Microsoft Teams|MS Teams|Teams
Zoom|Zoom meetings
Google Workspace|G Suite|GSuite|Google Apps
Microsoft Office|MS Office|Office 365|O365|Microsoft 365|M365
Microsoft Excel|Excel|MS Excel|Spreadsheets|Advanced Excel
Microsoft Word|Word|MS Word
Microsoft PowerPoint|PowerPoint|MS PowerPoint|PPT
Microsoft Outlook|Outlook|MS Outlook
Microsoft Project|MS Project|MSP
Microsoft Visio|Visio|MS Visio
Microsoft SharePoint|SharePoint|MS SharePoint
Google Sheets|GSheets
Google Docs|GDocs
Airtable|Air table
Zapier|Zapier automation
Power Automate|Microsoft Power Automate|Microsoft Flow
Power Apps|Microsoft Power Apps|PowerApps
UiPath|UI Path
Robotic process automation|RPA|Process automation bots
Automation Anywhere|AA RPA
Blue Prism|BluePrism
Visual Studio|VS IDE|Microsoft Visual Studio
Visual Studio Code|VS Code|VSCode
IntelliJ IDEA|IntelliJ|IDEA
Eclipse IDE|Eclipse
PyCharm|Py Charm
Vim|Vi|Neovim
Emacs|GNU Emacs
Jupyter|Jupyter Notebook|JupyterLab|IPython
## business software
SAP|SAP ERP|SAP systems
SAP S/4HANA|S/4HANA|S4HANA|SAP HANA
SAP FICO|SAP FI/CO|SAP Finance
SAP MM|SAP Materials Management
SAP SD|SAP Sales and Distribution
SAP SuccessFactors|SuccessFactors
Oracle E-Business Suite|Oracle EBS|Oracle Apps
Oracle NetSuite|NetSuite
Microsoft Dynamics 365|Dynamics 365|MS Dynamics|Dynamics CRM|D365
Salesforce|SFDC|Salesforce CRM|Salesforce.com
Salesforce administration|Salesforce admin|SFDC admin
HubSpot|HubSpot CRM
Zoho CRM|Zoho
Pipedrive|Pipe drive
Workday|Workday HCM|Workday HR
ServiceNow ITSM|ServiceNow IT service management
Zendesk|Zendesk Support
Freshdesk|Fresh desk|Freshworks
Intercom|Intercom messenger
Shopify|Shopify Plus|Shopify development
WooCommerce|Woo Commerce
Magento|Adobe Commerce|Magento 2
BigCommerce|Big Commerce
WordPress|Wordpress development|WP
Drupal|Drupal CMS
Joomla|Joomla CMS
Contentful|Contentful CMS
Strapi|Strapi CMS
Sitecore|Sitecore CMS
Adobe Experience Manager|AEM|Adobe AEM
Headless CMS|Headless content management
Content management systems|CMS|Content management system
Enterprise resource planning|ERP|ERP systems
Customer relationship management|CRM|CRM systems|CRM software
Stripe|Stripe payments|Stripe API
PayPal|PayPal integration
Payment gateways|Payment processing integration|Payment integration
Twilio|Twilio API
SendGrid|Send Grid
Mailchimp|Mail Chimp
Marketo|Adobe Marketo
Pardot|Salesforce Pardot|Account Engagement
"""

DATA = """
## data engineering
Data engineering|Data engineer|Data pipelines
ETL|Extract transform load|ELT|ETL pipelines
Data warehousing|Data warehouse|DWH|EDW
Data lakes|Data lake|Lakehouse|Data lakehouse
Apache Spark|Spark|PySpark|Spark SQL
Apache Hadoop|Hadoop|HDFS|MapReduce
Apache Hive|Hive|HiveQL
Apache Pig|Pig Latin
Apache Flink|Flink
Apache Beam|Beam
Apache Airflow|Airflow|Airflow DAGs
Apache NiFi|NiFi
Dagster|Dagster pipelines
Prefect|Prefect workflows
dbt|Data build tool|dbt Core|dbt Cloud
Databricks|Databricks platform|Delta Lake
Apache Iceberg|Iceberg tables
Apache Parquet|Parquet|Parquet files
Apache Avro|Avro
Fivetran|Five tran
Stitch|Stitch Data
Informatica|Informatica PowerCenter|IICS
Talend|Talend Open Studio
SSIS|SQL Server Integration Services
SSRS|SQL Server Reporting Services
SSAS|SQL Server Analysis Services
Data modeling for analytics|Dimensional modeling|Star schema|Kimball
Data governance|Data stewardship|Data management
Data quality|Data cleansing|Data cleaning|Data validation
Master data management|MDM
Data migration|Data conversion
Streaming data|Stream processing|Real-time data
Big data|Big data technologies|Big data analytics
## analytics and BI
Data analysis|Data analytics|Analytics|Data analyst
Business intelligence|BI|BI reporting
Tableau|Tableau Desktop|Tableau Server
Power BI|Microsoft Power BI|PowerBI|MS Power BI
Looker|Looker Studio|Google Data Studio|Data Studio
Qlik|QlikView|Qlik Sense
MicroStrategy|Micro Strategy
Metabase|Metabase BI
Apache Superset|Superset
Google Analytics|GA4|Google Analytics 4|Universal Analytics
Adobe Analytics|Omniture|SiteCatalyst
Mixpanel|Mix panel
Amplitude|Amplitude analytics
Data visualization|Data visualisation|Dataviz|Data viz
Dashboards|Dashboard design|Dashboarding|KPI dashboards
Reporting|Report writing|Management reporting
Statistics|Statistical analysis|Applied statistics
Descriptive statistics|Summary statistics
Inferential statistics|Hypothesis testing|Statistical inference
Regression analysis|Linear regression|Logistic regression
Time series analysis|Time series forecasting|Time-series
Forecasting|Demand forecasting|Predictive forecasting
A/B testing|AB testing|Split testing|Experimentation
Bayesian statistics|Bayesian inference|Bayesian methods
Econometrics|Econometric modeling
Survey design|Questionnaire design
Quantitative research|Quant research|Quantitative analysis
Qualitative research|Qualitative analysis
Market research|Market analysis|Market intelligence
Excel modeling|Spreadsheet modeling|Excel models
Pivot tables|PivotTables|Pivot table
VLOOKUP|XLOOKUP|Lookup formulas
## machine learning and AI
Machine learning|ML|Machine-learning
Deep learning|DL|Deep neural networks
Artificial intelligence|AI|A.I.
Data science|Data scientist|Data sciences
Natural language processing|NLP|Text mining|Computational linguistics
Computer vision|CV models|Image recognition|Machine vision
Large language models|LLM|LLMs|Generative AI|GenAI
Prompt engineering|Prompt design
Retrieval-augmented generation|RAG|Retrieval augmented generation
Reinforcement learning|RL|Deep reinforcement learning
Recommender systems|Recommendation systems|Recommendation engines
Neural networks|ANN|Artificial neural networks
Convolutional neural networks|CNN|CNNs|ConvNets
Recurrent neural networks|RNN|RNNs|LSTM
Transformers|Transformer models|Attention models
Feature engineering|Feature extraction|Feature selection
Model deployment|Model serving|ML deployment
MLOps|ML Ops|Machine learning operations
Supervised learning|Classification models|Classification
Unsupervised learning|Clustering|Cluster analysis
Anomaly detection|Outlier detection|Fraud detection models
Predictive modeling|Predictive modelling|Predictive analytics
Optimization|Mathematical optimization|Operations research|Linear programming
TensorFlow|Tensor Flow|TF2|TensorFlow 2
Keras|Keras API
PyTorch|Torch|Py Torch
scikit-learn|sklearn|Scikit learn|SciKit-Learn
XGBoost|XG Boost|Gradient boosting|LightGBM|CatBoost
Hugging Face|HuggingFace|Hugging Face Transformers
LangChain|Lang Chain
OpenAI API|ChatGPT API|GPT API
spaCy|Spacy NLP
NLTK|Natural Language Toolkit
OpenCV|Open CV
pandas|Pandas library|Python pandas
NumPy|Numpy library|Numerical Python
SciPy|Sci Py
Matplotlib|Mat plot lib|pyplot
Seaborn|Seaborn plots
Plotly|Plotly Dash|Dash
Polars|Polars dataframes
Dask|Dask distributed
Ray|Ray distributed
MLflow|ML flow
Kubeflow|Kube flow
Weights & Biases|W&B|WandB
Vector databases|Vector DB|Pinecone|Weaviate|Milvus
Embeddings|Text embeddings|Vector embeddings
Speech recognition|ASR|Speech to text
Chatbots|Conversational AI|Chatbot development
Geographic information systems|GIS|ArcGIS|QGIS
Remote sensing|Satellite imagery
Bioinformatics|Computational biology
"""
