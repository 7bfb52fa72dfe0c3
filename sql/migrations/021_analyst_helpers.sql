-- Analyst helpers: ISO 3166 codes with ACLED's regions, ACLED's derived codes (inter, interaction, disorder
-- type), full-text search over articles, and a way to keep materialised views in step with their definitions.

-- Countries: ISO 3166-1 (from pycountry's list) and the region ACLED files each country under.
CREATE TABLE country_codes (
    iso3        char(3) PRIMARY KEY,
    iso2        char(2) NOT NULL UNIQUE,
    iso_numeric integer NOT NULL UNIQUE,
    name        text NOT NULL,
    region      text NOT NULL
);
INSERT INTO country_codes (iso3, iso2, iso_numeric, name, region) VALUES
    ('ABW', 'AW', 533, 'Aruba', 'Caribbean'),
    ('AFG', 'AF', 4, 'Afghanistan', 'South Asia'),
    ('AGO', 'AO', 24, 'Angola', 'Middle Africa'),
    ('AIA', 'AI', 660, 'Anguilla', 'Caribbean'),
    ('ALA', 'AX', 248, 'Åland Islands', 'Europe'),
    ('ALB', 'AL', 8, 'Albania', 'Europe'),
    ('AND', 'AD', 20, 'Andorra', 'Europe'),
    ('ARE', 'AE', 784, 'United Arab Emirates', 'Middle East'),
    ('ARG', 'AR', 32, 'Argentina', 'South America'),
    ('ARM', 'AM', 51, 'Armenia', 'Caucasus and Central Asia'),
    ('ASM', 'AS', 16, 'American Samoa', 'Oceania'),
    ('ATA', 'AQ', 10, 'Antarctica', 'Antarctica'),
    ('ATF', 'TF', 260, 'French Southern Territories', 'Eastern Africa'),
    ('ATG', 'AG', 28, 'Antigua and Barbuda', 'Caribbean'),
    ('AUS', 'AU', 36, 'Australia', 'Oceania'),
    ('AUT', 'AT', 40, 'Austria', 'Europe'),
    ('AZE', 'AZ', 31, 'Azerbaijan', 'Caucasus and Central Asia'),
    ('BDI', 'BI', 108, 'Burundi', 'Eastern Africa'),
    ('BEL', 'BE', 56, 'Belgium', 'Europe'),
    ('BEN', 'BJ', 204, 'Benin', 'Western Africa'),
    ('BES', 'BQ', 535, 'Bonaire, Sint Eustatius and Saba', 'Caribbean'),
    ('BFA', 'BF', 854, 'Burkina Faso', 'Western Africa'),
    ('BGD', 'BD', 50, 'Bangladesh', 'South Asia'),
    ('BGR', 'BG', 100, 'Bulgaria', 'Europe'),
    ('BHR', 'BH', 48, 'Bahrain', 'Middle East'),
    ('BHS', 'BS', 44, 'Bahamas', 'Caribbean'),
    ('BIH', 'BA', 70, 'Bosnia and Herzegovina', 'Europe'),
    ('BLM', 'BL', 652, 'Saint Barthélemy', 'Caribbean'),
    ('BLR', 'BY', 112, 'Belarus', 'Europe'),
    ('BLZ', 'BZ', 84, 'Belize', 'Central America'),
    ('BMU', 'BM', 60, 'Bermuda', 'North America'),
    ('BOL', 'BO', 68, 'Bolivia', 'South America'),
    ('BRA', 'BR', 76, 'Brazil', 'South America'),
    ('BRB', 'BB', 52, 'Barbados', 'Caribbean'),
    ('BRN', 'BN', 96, 'Brunei Darussalam', 'Southeast Asia'),
    ('BTN', 'BT', 64, 'Bhutan', 'South Asia'),
    ('BVT', 'BV', 74, 'Bouvet Island', 'South America'),
    ('BWA', 'BW', 72, 'Botswana', 'Southern Africa'),
    ('CAF', 'CF', 140, 'Central African Republic', 'Middle Africa'),
    ('CAN', 'CA', 124, 'Canada', 'North America'),
    ('CCK', 'CC', 166, 'Cocos (Keeling) Islands', 'Oceania'),
    ('CHE', 'CH', 756, 'Switzerland', 'Europe'),
    ('CHL', 'CL', 152, 'Chile', 'South America'),
    ('CHN', 'CN', 156, 'China', 'East Asia'),
    ('CIV', 'CI', 384, 'Côte d''Ivoire', 'Western Africa'),
    ('CMR', 'CM', 120, 'Cameroon', 'Middle Africa'),
    ('COD', 'CD', 180, 'Congo, The Democratic Republic of the', 'Middle Africa'),
    ('COG', 'CG', 178, 'Congo', 'Middle Africa'),
    ('COK', 'CK', 184, 'Cook Islands', 'Oceania'),
    ('COL', 'CO', 170, 'Colombia', 'South America'),
    ('COM', 'KM', 174, 'Comoros', 'Eastern Africa'),
    ('CPV', 'CV', 132, 'Cabo Verde', 'Western Africa'),
    ('CRI', 'CR', 188, 'Costa Rica', 'Central America'),
    ('CUB', 'CU', 192, 'Cuba', 'Caribbean'),
    ('CUW', 'CW', 531, 'Curaçao', 'Caribbean'),
    ('CXR', 'CX', 162, 'Christmas Island', 'Oceania'),
    ('CYM', 'KY', 136, 'Cayman Islands', 'Caribbean'),
    ('CYP', 'CY', 196, 'Cyprus', 'Middle East'),
    ('CZE', 'CZ', 203, 'Czechia', 'Europe'),
    ('DEU', 'DE', 276, 'Germany', 'Europe'),
    ('DJI', 'DJ', 262, 'Djibouti', 'Eastern Africa'),
    ('DMA', 'DM', 212, 'Dominica', 'Caribbean'),
    ('DNK', 'DK', 208, 'Denmark', 'Europe'),
    ('DOM', 'DO', 214, 'Dominican Republic', 'Caribbean'),
    ('DZA', 'DZ', 12, 'Algeria', 'Northern Africa'),
    ('ECU', 'EC', 218, 'Ecuador', 'South America'),
    ('EGY', 'EG', 818, 'Egypt', 'Northern Africa'),
    ('ERI', 'ER', 232, 'Eritrea', 'Eastern Africa'),
    ('ESH', 'EH', 732, 'Western Sahara', 'Northern Africa'),
    ('ESP', 'ES', 724, 'Spain', 'Europe'),
    ('EST', 'EE', 233, 'Estonia', 'Europe'),
    ('ETH', 'ET', 231, 'Ethiopia', 'Eastern Africa'),
    ('FIN', 'FI', 246, 'Finland', 'Europe'),
    ('FJI', 'FJ', 242, 'Fiji', 'Oceania'),
    ('FLK', 'FK', 238, 'Falkland Islands (Malvinas)', 'South America'),
    ('FRA', 'FR', 250, 'France', 'Europe'),
    ('FRO', 'FO', 234, 'Faroe Islands', 'Europe'),
    ('FSM', 'FM', 583, 'Micronesia, Federated States of', 'Oceania'),
    ('GAB', 'GA', 266, 'Gabon', 'Middle Africa'),
    ('GBR', 'GB', 826, 'United Kingdom', 'Europe'),
    ('GEO', 'GE', 268, 'Georgia', 'Caucasus and Central Asia'),
    ('GGY', 'GG', 831, 'Guernsey', 'Europe'),
    ('GHA', 'GH', 288, 'Ghana', 'Western Africa'),
    ('GIB', 'GI', 292, 'Gibraltar', 'Europe'),
    ('GIN', 'GN', 324, 'Guinea', 'Western Africa'),
    ('GLP', 'GP', 312, 'Guadeloupe', 'Caribbean'),
    ('GMB', 'GM', 270, 'Gambia', 'Western Africa'),
    ('GNB', 'GW', 624, 'Guinea-Bissau', 'Western Africa'),
    ('GNQ', 'GQ', 226, 'Equatorial Guinea', 'Middle Africa'),
    ('GRC', 'GR', 300, 'Greece', 'Europe'),
    ('GRD', 'GD', 308, 'Grenada', 'Caribbean'),
    ('GRL', 'GL', 304, 'Greenland', 'North America'),
    ('GTM', 'GT', 320, 'Guatemala', 'Central America'),
    ('GUF', 'GF', 254, 'French Guiana', 'South America'),
    ('GUM', 'GU', 316, 'Guam', 'Oceania'),
    ('GUY', 'GY', 328, 'Guyana', 'South America'),
    ('HKG', 'HK', 344, 'Hong Kong', 'East Asia'),
    ('HMD', 'HM', 334, 'Heard Island and McDonald Islands', 'Oceania'),
    ('HND', 'HN', 340, 'Honduras', 'Central America'),
    ('HRV', 'HR', 191, 'Croatia', 'Europe'),
    ('HTI', 'HT', 332, 'Haiti', 'Caribbean'),
    ('HUN', 'HU', 348, 'Hungary', 'Europe'),
    ('IDN', 'ID', 360, 'Indonesia', 'Southeast Asia'),
    ('IMN', 'IM', 833, 'Isle of Man', 'Europe'),
    ('IND', 'IN', 356, 'India', 'South Asia'),
    ('IOT', 'IO', 86, 'British Indian Ocean Territory', 'Eastern Africa'),
    ('IRL', 'IE', 372, 'Ireland', 'Europe'),
    ('IRN', 'IR', 364, 'Iran', 'Middle East'),
    ('IRQ', 'IQ', 368, 'Iraq', 'Middle East'),
    ('ISL', 'IS', 352, 'Iceland', 'Europe'),
    ('ISR', 'IL', 376, 'Israel', 'Middle East'),
    ('ITA', 'IT', 380, 'Italy', 'Europe'),
    ('JAM', 'JM', 388, 'Jamaica', 'Caribbean'),
    ('JEY', 'JE', 832, 'Jersey', 'Europe'),
    ('JOR', 'JO', 400, 'Jordan', 'Middle East'),
    ('JPN', 'JP', 392, 'Japan', 'East Asia'),
    ('KAZ', 'KZ', 398, 'Kazakhstan', 'Caucasus and Central Asia'),
    ('KEN', 'KE', 404, 'Kenya', 'Eastern Africa'),
    ('KGZ', 'KG', 417, 'Kyrgyzstan', 'Caucasus and Central Asia'),
    ('KHM', 'KH', 116, 'Cambodia', 'Southeast Asia'),
    ('KIR', 'KI', 296, 'Kiribati', 'Oceania'),
    ('KNA', 'KN', 659, 'Saint Kitts and Nevis', 'Caribbean'),
    ('KOR', 'KR', 410, 'South Korea', 'East Asia'),
    ('KWT', 'KW', 414, 'Kuwait', 'Middle East'),
    ('LAO', 'LA', 418, 'Laos', 'Southeast Asia'),
    ('LBN', 'LB', 422, 'Lebanon', 'Middle East'),
    ('LBR', 'LR', 430, 'Liberia', 'Western Africa'),
    ('LBY', 'LY', 434, 'Libya', 'Northern Africa'),
    ('LCA', 'LC', 662, 'Saint Lucia', 'Caribbean'),
    ('LIE', 'LI', 438, 'Liechtenstein', 'Europe'),
    ('LKA', 'LK', 144, 'Sri Lanka', 'South Asia'),
    ('LSO', 'LS', 426, 'Lesotho', 'Southern Africa'),
    ('LTU', 'LT', 440, 'Lithuania', 'Europe'),
    ('LUX', 'LU', 442, 'Luxembourg', 'Europe'),
    ('LVA', 'LV', 428, 'Latvia', 'Europe'),
    ('MAC', 'MO', 446, 'Macao', 'East Asia'),
    ('MAF', 'MF', 663, 'Saint Martin (French part)', 'Caribbean'),
    ('MAR', 'MA', 504, 'Morocco', 'Northern Africa'),
    ('MCO', 'MC', 492, 'Monaco', 'Europe'),
    ('MDA', 'MD', 498, 'Moldova', 'Europe'),
    ('MDG', 'MG', 450, 'Madagascar', 'Eastern Africa'),
    ('MDV', 'MV', 462, 'Maldives', 'South Asia'),
    ('MEX', 'MX', 484, 'Mexico', 'Central America'),
    ('MHL', 'MH', 584, 'Marshall Islands', 'Oceania'),
    ('MKD', 'MK', 807, 'North Macedonia', 'Europe'),
    ('MLI', 'ML', 466, 'Mali', 'Western Africa'),
    ('MLT', 'MT', 470, 'Malta', 'Europe'),
    ('MMR', 'MM', 104, 'Myanmar', 'Southeast Asia'),
    ('MNE', 'ME', 499, 'Montenegro', 'Europe'),
    ('MNG', 'MN', 496, 'Mongolia', 'East Asia'),
    ('MNP', 'MP', 580, 'Northern Mariana Islands', 'Oceania'),
    ('MOZ', 'MZ', 508, 'Mozambique', 'Eastern Africa'),
    ('MRT', 'MR', 478, 'Mauritania', 'Western Africa'),
    ('MSR', 'MS', 500, 'Montserrat', 'Caribbean'),
    ('MTQ', 'MQ', 474, 'Martinique', 'Caribbean'),
    ('MUS', 'MU', 480, 'Mauritius', 'Eastern Africa'),
    ('MWI', 'MW', 454, 'Malawi', 'Eastern Africa'),
    ('MYS', 'MY', 458, 'Malaysia', 'Southeast Asia'),
    ('MYT', 'YT', 175, 'Mayotte', 'Eastern Africa'),
    ('NAM', 'NA', 516, 'Namibia', 'Southern Africa'),
    ('NCL', 'NC', 540, 'New Caledonia', 'Oceania'),
    ('NER', 'NE', 562, 'Niger', 'Western Africa'),
    ('NFK', 'NF', 574, 'Norfolk Island', 'Oceania'),
    ('NGA', 'NG', 566, 'Nigeria', 'Western Africa'),
    ('NIC', 'NI', 558, 'Nicaragua', 'Central America'),
    ('NIU', 'NU', 570, 'Niue', 'Oceania'),
    ('NLD', 'NL', 528, 'Netherlands', 'Europe'),
    ('NOR', 'NO', 578, 'Norway', 'Europe'),
    ('NPL', 'NP', 524, 'Nepal', 'South Asia'),
    ('NRU', 'NR', 520, 'Nauru', 'Oceania'),
    ('NZL', 'NZ', 554, 'New Zealand', 'Oceania'),
    ('OMN', 'OM', 512, 'Oman', 'Middle East'),
    ('PAK', 'PK', 586, 'Pakistan', 'South Asia'),
    ('PAN', 'PA', 591, 'Panama', 'Central America'),
    ('PCN', 'PN', 612, 'Pitcairn', 'Oceania'),
    ('PER', 'PE', 604, 'Peru', 'South America'),
    ('PHL', 'PH', 608, 'Philippines', 'Southeast Asia'),
    ('PLW', 'PW', 585, 'Palau', 'Oceania'),
    ('PNG', 'PG', 598, 'Papua New Guinea', 'Oceania'),
    ('POL', 'PL', 616, 'Poland', 'Europe'),
    ('PRI', 'PR', 630, 'Puerto Rico', 'Caribbean'),
    ('PRK', 'KP', 408, 'North Korea', 'East Asia'),
    ('PRT', 'PT', 620, 'Portugal', 'Europe'),
    ('PRY', 'PY', 600, 'Paraguay', 'South America'),
    ('PSE', 'PS', 275, 'Palestine, State of', 'Middle East'),
    ('PYF', 'PF', 258, 'French Polynesia', 'Oceania'),
    ('QAT', 'QA', 634, 'Qatar', 'Middle East'),
    ('REU', 'RE', 638, 'Réunion', 'Eastern Africa'),
    ('ROU', 'RO', 642, 'Romania', 'Europe'),
    ('RUS', 'RU', 643, 'Russian Federation', 'Europe'),
    ('RWA', 'RW', 646, 'Rwanda', 'Eastern Africa'),
    ('SAU', 'SA', 682, 'Saudi Arabia', 'Middle East'),
    ('SDN', 'SD', 729, 'Sudan', 'Northern Africa'),
    ('SEN', 'SN', 686, 'Senegal', 'Western Africa'),
    ('SGP', 'SG', 702, 'Singapore', 'Southeast Asia'),
    ('SGS', 'GS', 239, 'South Georgia and the South Sandwich Islands', 'South America'),
    ('SHN', 'SH', 654, 'Saint Helena, Ascension and Tristan da Cunha', 'Western Africa'),
    ('SJM', 'SJ', 744, 'Svalbard and Jan Mayen', 'Europe'),
    ('SLB', 'SB', 90, 'Solomon Islands', 'Oceania'),
    ('SLE', 'SL', 694, 'Sierra Leone', 'Western Africa'),
    ('SLV', 'SV', 222, 'El Salvador', 'Central America'),
    ('SMR', 'SM', 674, 'San Marino', 'Europe'),
    ('SOM', 'SO', 706, 'Somalia', 'Eastern Africa'),
    ('SPM', 'PM', 666, 'Saint Pierre and Miquelon', 'North America'),
    ('SRB', 'RS', 688, 'Serbia', 'Europe'),
    ('SSD', 'SS', 728, 'South Sudan', 'Eastern Africa'),
    ('STP', 'ST', 678, 'Sao Tome and Principe', 'Middle Africa'),
    ('SUR', 'SR', 740, 'Suriname', 'South America'),
    ('SVK', 'SK', 703, 'Slovakia', 'Europe'),
    ('SVN', 'SI', 705, 'Slovenia', 'Europe'),
    ('SWE', 'SE', 752, 'Sweden', 'Europe'),
    ('SWZ', 'SZ', 748, 'Eswatini', 'Southern Africa'),
    ('SXM', 'SX', 534, 'Sint Maarten (Dutch part)', 'Caribbean'),
    ('SYC', 'SC', 690, 'Seychelles', 'Eastern Africa'),
    ('SYR', 'SY', 760, 'Syria', 'Middle East'),
    ('TCA', 'TC', 796, 'Turks and Caicos Islands', 'Caribbean'),
    ('TCD', 'TD', 148, 'Chad', 'Middle Africa'),
    ('TGO', 'TG', 768, 'Togo', 'Western Africa'),
    ('THA', 'TH', 764, 'Thailand', 'Southeast Asia'),
    ('TJK', 'TJ', 762, 'Tajikistan', 'Caucasus and Central Asia'),
    ('TKL', 'TK', 772, 'Tokelau', 'Oceania'),
    ('TKM', 'TM', 795, 'Turkmenistan', 'Caucasus and Central Asia'),
    ('TLS', 'TL', 626, 'Timor-Leste', 'Southeast Asia'),
    ('TON', 'TO', 776, 'Tonga', 'Oceania'),
    ('TTO', 'TT', 780, 'Trinidad and Tobago', 'Caribbean'),
    ('TUN', 'TN', 788, 'Tunisia', 'Northern Africa'),
    ('TUR', 'TR', 792, 'Türkiye', 'Middle East'),
    ('TUV', 'TV', 798, 'Tuvalu', 'Oceania'),
    ('TWN', 'TW', 158, 'Taiwan', 'East Asia'),
    ('TZA', 'TZ', 834, 'Tanzania', 'Eastern Africa'),
    ('UGA', 'UG', 800, 'Uganda', 'Eastern Africa'),
    ('UKR', 'UA', 804, 'Ukraine', 'Europe'),
    ('UMI', 'UM', 581, 'United States Minor Outlying Islands', 'Oceania'),
    ('URY', 'UY', 858, 'Uruguay', 'South America'),
    ('USA', 'US', 840, 'United States', 'North America'),
    ('UZB', 'UZ', 860, 'Uzbekistan', 'Caucasus and Central Asia'),
    ('VAT', 'VA', 336, 'Holy See (Vatican City State)', 'Europe'),
    ('VCT', 'VC', 670, 'Saint Vincent and the Grenadines', 'Caribbean'),
    ('VEN', 'VE', 862, 'Venezuela', 'South America'),
    ('VGB', 'VG', 92, 'Virgin Islands, British', 'Caribbean'),
    ('VIR', 'VI', 850, 'Virgin Islands, U.S.', 'Caribbean'),
    ('VNM', 'VN', 704, 'Vietnam', 'Southeast Asia'),
    ('VUT', 'VU', 548, 'Vanuatu', 'Oceania'),
    ('WLF', 'WF', 876, 'Wallis and Futuna', 'Oceania'),
    ('WSM', 'WS', 882, 'Samoa', 'Oceania'),
    ('YEM', 'YE', 887, 'Yemen', 'Middle East'),
    ('ZAF', 'ZA', 710, 'South Africa', 'Southern Africa'),
    ('ZMB', 'ZM', 894, 'Zambia', 'Eastern Africa'),
    ('ZWE', 'ZW', 716, 'Zimbabwe', 'Eastern Africa')
;

-- ACLED's actor category ("inter" code) guessed from the actor's canonical name: 1 state forces of the event's
-- country, 2 rebel groups, 3 political militias (and unidentified armed groups), 4 identity militias,
-- 5 rioters, 6 protesters, 7 civilians, 8 external/other forces (foreign state forces, UN missions,
-- private security); 0 when there is no actor or the name fits no rule.
CREATE FUNCTION acled_inter_code(actor text, event_country text) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN actor IS NULL OR btrim(actor) = '' THEN 0
        WHEN actor ~* '^protesters' THEN 6
        WHEN actor ~* '^rioters' THEN 5
        WHEN actor ~* '^civilians' THEN 7
        WHEN actor ~* '(united nations|^UN |MINUSMA|MONUSCO|MINUSCA|UNMISS|AMISOM|ATMIS|private security|wagner|africa corps)' THEN 8
        WHEN actor ~* '(forces|government|police|gendarmerie|army) of ' THEN
            CASE WHEN event_country IS NOT NULL AND strpos(lower(actor), lower(event_country)) > 0 THEN 1 ELSE 8 END
        WHEN actor ~* '(ethnic|communal|clan|tribal) (militia|group)' OR actor ~* 'ethnic group' THEN 4
        WHEN actor ~* '(unidentified armed group|militia)' THEN 3
        WHEN actor ~* '(islamic state|JNIM|boko haram|ansaroul|ansar|katiba|shabaab|AQIM|al qaeda|al-qaeda|taliban|rebel|liberation|front|movement|army|mujahideen|jihad)' THEN 2
        ELSE 0
    END::smallint
$$;

-- ACLED's two-digit interaction code: the smaller inter code first; a lone actor gives inter1 * 10.
CREATE FUNCTION acled_interaction(inter1 smallint, inter2 smallint) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN coalesce(inter2, 0) = 0 THEN coalesce(inter1, 0) * 10
                WHEN coalesce(inter1, 0) = 0 THEN inter2 * 10
                ELSE least(inter1, inter2) * 10 + greatest(inter1, inter2) END::smallint
$$;

-- ACLED's disorder type from the event and sub-event type.
CREATE FUNCTION acled_disorder_type(event_type text, sub_event_type text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN sub_event_type IN ('Excessive force against protesters', 'Mob violence')
            THEN 'Political violence; Demonstrations'
        WHEN event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
        WHEN event_type = 'Strategic developments' THEN 'Strategic developments'
        ELSE 'Political violence'
    END
$$;

-- Full-text search over articles, in the article's language: French for 'fr...', English otherwise.
CREATE FUNCTION article_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN lower(coalesce(language, '')) LIKE 'fr%' THEN 'french'::regconfig
                ELSE 'english'::regconfig END
$$;

ALTER TABLE articles ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(article_search_config(language), coalesce(title, '')), 'A')
    || setweight(to_tsvector(article_search_config(language), text), 'B')
) STORED;
CREATE INDEX articles_search_tsv_idx ON articles USING gin (search_tsv);

-- Create a materialised view when it is missing or its definition changed (the definition's md5 is kept in
-- the view's comment); otherwise leave it and its data alone. The view files in sql/views call this on every
-- migrate. `unique_columns` gets a unique index so REFRESH ... CONCURRENTLY works.
CREATE FUNCTION ensure_materialized_view(view_name text, definition text, unique_columns text)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    wanted text := 'definition md5 ' || md5(definition || '|' || unique_columns);
    current_comment text;
BEGIN
    SELECT obj_description(c.oid, 'pg_class') INTO current_comment
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = view_name AND n.nspname = current_schema() AND c.relkind = 'm';
    IF FOUND AND current_comment IS NOT DISTINCT FROM wanted THEN
        RETURN false;
    END IF;
    EXECUTE format('DROP MATERIALIZED VIEW IF EXISTS %I CASCADE', view_name);
    EXECUTE format('CREATE MATERIALIZED VIEW %I AS %s', view_name, definition);
    EXECUTE format('CREATE UNIQUE INDEX %I ON %I (%s)', view_name || '_key', view_name, unique_columns);
    EXECUTE format('COMMENT ON MATERIALIZED VIEW %I IS %L', view_name, wanted);
    RETURN true;
END
$$;
