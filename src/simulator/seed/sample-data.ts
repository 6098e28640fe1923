/*
 * Word lists the seeded rows are made of. They deliberately include apostrophes, accented letters,
 * ampersands, quotes and non-US addresses: the data a driver meets in real tenants.
 */

export const NAME_CORES: readonly string[] = [
  "O'Brien", 'Zoë', 'Ærø', 'Müller', 'Søren', 'Dalton', 'Addison', 'Bergström', 'Château', 'Núñez',
  'Kowalski', 'Harper', 'Lakeside', 'Northwind', "D'Angelo", 'Fjällräven', 'Côte', 'Summit', 'Evergreen',
  'Redwood', 'Ironclad', 'Bluewater', 'Granite', 'Pioneer', 'Crescent', 'Atlas', 'Keystone', 'Vega',
  "McAllister's", 'Łukasz', 'Øresund', 'São Paulo', 'Beaumont', 'Cedar', 'Falcon', 'Harbor', 'Maple',
  'Orion', 'Prairie', 'Quantum', 'Riverside', 'Sterling', 'Titan', 'Union', 'Valley', 'Westfield',
];

export const NAME_SUFFIXES: readonly string[] = [
  'Métal', "'s Café", 'Tooling', 'Industries', 'Manufacturing', 'GmbH', 'S.A.', 'Ltd', '& Sons',
  'Fabrication', 'Supply Co.', 'Machine Works', 'Plastics', 'Électrique', 'Components', 'Engineering',
  'Aerospace', 'Foods', 'Distribution', 'Precision', 'Holdings, Inc.', 'A/S', 'AB', 'Sp. z o.o.',
];

export interface Place {
  readonly city: string;
  readonly state: string;
  readonly country: string;
  readonly countryNum: number;
  readonly currency: string;
  readonly region: string;
  /** Zip codes of the place; several customers share each, as in real data. */
  readonly zips: readonly string[];
  readonly phone: string;
}

function place(city: string, state: string, country: string, countryNum: number, currency: string, region: string, zips: string, phone: string): Place {
  return { city, state, country, countryNum, currency, region, zips: zips.split(' '), phone };
}

/** Addresses, about two thirds in the USA (Epicor's typical tenant). */
export const PLACES: readonly Place[] = [
  place('Minneapolis', 'MN', 'USA', 1, 'USD', 'Midwest', '55401 55402 55403', '612'),
  place('Chicago', 'IL', 'USA', 1, 'USD', 'Midwest', '60601 60602 60607', '312'),
  place('Dallas', 'TX', 'USA', 1, 'USD', 'South', '75201 75202', '214'),
  place('Austin', 'TX', 'USA', 1, 'USD', 'South', '73301 78701', '512'),
  place('San Diego', 'CA', 'USA', 1, 'USD', 'West', '92101 92102 92103', '619'),
  place('Los Angeles', 'CA', 'USA', 1, 'USD', 'West', '90001 90012', '213'),
  place('Seattle', 'WA', 'USA', 1, 'USD', 'West', '98101 98104', '206'),
  place('Boston', 'MA', 'USA', 1, 'USD', 'Northeast', '02108 02110', '617'),
  place('New York', 'NY', 'USA', 1, 'USD', 'Northeast', '10001 10013 10018', '212'),
  place('Atlanta', 'GA', 'USA', 1, 'USD', 'South', '30303 30308', '404'),
  place('Denver', 'CO', 'USA', 1, 'USD', 'West', '80202 80205', '303'),
  place('Cleveland', 'OH', 'USA', 1, 'USD', 'Midwest', '44113 44114', '216'),
  place('Grand Rapids', 'MI', 'USA', 1, 'USD', 'Midwest', '49503', '616'),
  place('Toronto', 'ON', 'Canada', 2, 'CAD', 'Canada', 'M5V 2T6 M4B 1B3', '416'),
  place('Montréal', 'QC', 'Canada', 2, 'CAD', 'Canada', 'H2Y 1C6 H3B 4W8', '514'),
  place('London', 'Greater London', 'United Kingdom', 3, 'GBP', 'EMEA', 'SW1A 1AA EC1A 1BB', '+44 20'),
  place('München', 'Bayern', 'Germany', 4, 'EUR', 'EMEA', '80331 80335', '+49 89'),
  place('Lyon', 'Auvergne-Rhône-Alpes', 'France', 5, 'EUR', 'EMEA', '69002 69003', '+33 4'),
  place('Ærøskøbing', 'Syddanmark', 'Denmark', 6, 'DKK', 'EMEA', '5970', '+45'),
  place('Monterrey', 'Nuevo León', 'Mexico', 7, 'MXN', 'LATAM', '64000 64010', '+52 81'),
  place('Melbourne', 'VIC', 'Australia', 8, 'AUD', 'APAC', '3000 3004', '+61 3'),
];

export const STREETS: readonly string[] = [
  'Main St', 'Oak Avenue', 'Industrial Pkwy', "King's Road", 'Rue de la République', 'Hauptstraße',
  'Commerce Dr', 'Harbor Blvd', 'Elm Street', 'Calle Reforma', 'Technology Way', 'Mill Lane',
];

export const TERRITORIES: readonly string[] = ['MIDWEST', 'SOUTH', 'WEST', 'NE', 'INTL'];
export const TERMS: readonly string[] = ['N30', 'N45', 'N60', 'COD', 'PP'];
export const SHIP_VIAS: readonly string[] = ['UPS', 'FDX', 'BEST', 'DHL', 'TRK'];
export const SALES_REPS: readonly string[] = ['JSMITH', 'MGARCIA', 'LCHEN', 'ONEILL', 'KMÜLLER'];
export const TIERS: readonly string[] = ['Gold', 'Silver', 'Bronze', 'Platinum'];
export const CHANNELS: readonly string[] = ['Web', 'EDI', 'Phone', 'Rep', 'E-mail'];
export const ENTRY_PEOPLE: readonly string[] = ['manager', 'epicor', 'jsmith', "d'angelo", 'zoë.m'];

export interface PartClass {
  readonly classId: string;
  readonly prefix: string;
  readonly uom: string;
  readonly typeCode: 'P' | 'M';
  readonly prodCode: string;
  readonly priceMin: number;
  readonly priceMax: number;
  readonly nouns: readonly string[];
}

export const PART_CLASSES: readonly PartClass[] = [
  {
    classId: 'FG', prefix: 'FG', uom: 'EA', typeCode: 'M', prodCode: 'FINISH', priceMin: 40, priceMax: 2500,
    nouns: ['Control Panel', 'Café Table', 'Pump Assembly', 'Gearbox', 'Conveyor Section', 'Ærø Bracket Kit'],
  },
  {
    classId: 'RM', prefix: 'RM', uom: 'KG', typeCode: 'P', prodCode: 'RAW', priceMin: 1, priceMax: 60,
    nouns: ['Steel Sheet 12ga', 'Aluminium Bar 6061', 'Copper Wire', 'ABS Pellets', 'Brass Rod'],
  },
  {
    classId: 'HW', prefix: 'HW', uom: 'BOX', typeCode: 'P', prodCode: 'HARDWARE', priceMin: 2, priceMax: 90,
    nouns: ['Hex Bolt M8 x 40mm', '1/2" Washer', 'Lock Nut 3/8"', 'Rivet 5/32" & Washer Set', 'Spring Pin'],
  },
  {
    classId: 'SUB', prefix: 'SA', uom: 'EA', typeCode: 'M', prodCode: 'SUBASSY', priceMin: 15, priceMax: 600,
    nouns: ['Motor Mount "L" 90°', 'Hinge Assembly', 'Wiring Harness', 'Valve Body', 'Sensor Housing'],
  },
];

export const PART_ADJECTIVES: readonly string[] = ['Heavy-Duty', 'Standard', 'Compact', 'Stainless', 'Coated', 'Précision', "Builder's", 'Marine-Grade'];
export const PLANTS: readonly string[] = ['MfgSys', 'DALLAS', 'MADRID'];
