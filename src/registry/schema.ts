/**
 * The social-enterprise registry: zod schemas for the JSON file shape (see knowledge/enterprises/README.md).
 * Validated at the edge (loading and importing); inside the matcher the inferred types are trusted.
 */
import { z } from 'zod';

export const TARGET_GROUPS = [
  'långtidsarbetslösa',
  'utrikes födda',
  'unga vuxna',
  'personer med funktionsnedsättning',
  'personer med psykisk ohälsa',
  'personer i återhämtning från missbruk',
  'kvinnor långt från arbetsmarknaden',
  'äldre arbetssökande',
] as const;

export const LEGAL_FORMS = [
  'ekonomisk förening',
  'aktiebolag med särskild vinstutdelningsbegränsning (svb)',
  'aktiebolag',
  'ideell förening',
  'stiftelse',
] as const;

export const EXPERIENCE = ['ingen', 'direktupphandling', 'ramavtal', 'reserverad upphandling', 'underleverantör'] as const;
export const STATUS = ['aktiv', 'vilande', 'avvecklad'] as const;

export const CategorySchema = z.object({
  id: z.string().min(1).regex(/^[a-z0-9-]+$/, 'id: små bokstäver, siffror och bindestreck'),
  label: z.string().min(1),
  /** the label in English, for English needs (optional: the Swedish label is used where it is missing) */
  labelEn: z.string().min(1).optional(),
  synonyms: z.array(z.string().min(1)).default([]),
});
export type Category = z.infer<typeof CategorySchema>;

const count = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum ÅÅÅÅ-MM-DD');

export const EnterpriseSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    sample: z.boolean().default(false),
    legalForm: z.enum(LEGAL_FORMS),
    municipality: z.string().min(1),
    region: z.string().default(''),
    serviceArea: z.array(z.string().min(1)).default([]),
    categories: z.array(z.string().min(1)).min(1, 'minst en kategori'),
    description: z.string().min(1),
    offerings: z.array(z.string()).default([]),
    targetGroups: z.array(z.enum(TARGET_GROUPS)).default([]),
    workIntegrating: z.boolean(),
    employees: count.optional(),
    traineePlaces: count.default(0),
    capacity: z
      .object({
        maxPeoplePerEvent: count.optional(),
        maxPortionsPerDay: count.optional(),
        crewSize: count.optional(),
        note: z.string().optional(),
      })
      .default({}),
    procurement: z.object({
      fSkatt: z.boolean(),
      reservedContractEligible: z.boolean(),
      publicContractsExperience: z.enum(EXPERIENCE),
      iop: z.boolean(),
      maxContractValueSek: z.number().min(0).optional(),
    }),
    certifications: z.array(z.string()).default([]),
    languages: z.array(z.string().min(1)).default(['svenska']),
    contact: z.object({ name: z.string().default(''), email: z.email('ogiltig e-postadress') }),
    status: z.enum(STATUS),
    lastVerified: isoDate,
  })
  .transform((e) => ({
    ...e,
    // the home municipality is always part of the service area
    serviceArea: e.serviceArea.includes(e.municipality) ? e.serviceArea : [e.municipality, ...e.serviceArea],
  }));
export type Enterprise = z.infer<typeof EnterpriseSchema>;

/** One registry file. `categories` may be left out in a municipality's own file (the sample's are used). */
export const RegistryFileSchema = z.object({
  version: z.number().int().optional(),
  description: z.string().optional(),
  categories: z.array(CategorySchema).optional(),
  enterprises: z.array(z.unknown()),
});

export interface Registry {
  categories: Category[];
  enterprises: Enterprise[];
  /** problems found while loading (bad rows are skipped, never fatal) */
  issues: RowIssue[];
  /** true when any record is fictional sample data */
  hasSample: boolean;
}

/** A validation problem of one row: file, 1-based line, field path and reason. */
export interface RowIssue {
  file: string;
  line: number;
  id?: string;
  field: string;
  message: string;
}
