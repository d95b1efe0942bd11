/**
 * The registry's Swedish values in English, for a need written in English: spoken languages (the registry and the
 * need parser name them in Swedish), public-contract experience and target groups. A value without an entry is
 * shown as it is.
 */

const LANGUAGES: Record<string, string> = {
  arabiska: 'Arabic', tigrinja: 'Tigrinya', somaliska: 'Somali', dari: 'Dari', persiska: 'Persian (Farsi)', kurdiska: 'Kurdish',
  ukrainska: 'Ukrainian', polska: 'Polish', bosniska: 'Bosnian/Croatian/Serbian', finska: 'Finnish', engelska: 'English',
  romani: 'Romani', samiska: 'Sami', nordsamiska: 'Northern Sami', umesamiska: 'Ume Sami', ryska: 'Russian', turkiska: 'Turkish',
  spanska: 'Spanish', franska: 'French', tyska: 'German', amhariska: 'Amharic', pashto: 'Pashto', albanska: 'Albanian',
  thailändska: 'Thai', kinesiska: 'Chinese', vietnamesiska: 'Vietnamese', hindi: 'Hindi', urdu: 'Urdu', bengali: 'Bengali',
  tamil: 'Tamil', swahili: 'Swahili', portugisiska: 'Portuguese', italienska: 'Italian', grekiska: 'Greek', rumänska: 'Romanian',
  ungerska: 'Hungarian', estniska: 'Estonian', lettiska: 'Latvian', litauiska: 'Lithuanian', tjeckiska: 'Czech', slovakiska: 'Slovak',
  bulgariska: 'Bulgarian', makedonska: 'Macedonian', hebreiska: 'Hebrew', japanska: 'Japanese', koreanska: 'Korean', tagalog: 'Tagalog',
  oromo: 'Oromo', lingala: 'Lingala', kinyarwanda: 'Kinyarwanda', wolof: 'Wolof', meänkieli: 'Meänkieli', jiddisch: 'Yiddish',
  mongoliska: 'Mongolian', uiguriska: 'Uyghur', nepali: 'Nepali', punjabi: 'Punjabi', berbiska: 'Berber (Tamazight)',
  azerbajdzjanska: 'Azerbaijani', georgiska: 'Georgian', armeniska: 'Armenian', assyriska: 'Assyrian/Syriac', svenska: 'Swedish',
};

const EXPERIENCE: Record<string, string> = {
  ingen: 'none', direktupphandling: 'direct award', ramavtal: 'framework agreement', 'reserverad upphandling': 'reserved contract',
  underleverantör: 'subcontractor',
};

const TARGET_GROUPS: Record<string, string> = {
  långtidsarbetslösa: 'long-term unemployed people', 'utrikes födda': 'people born abroad', 'unga vuxna': 'young adults',
  'personer med funktionsnedsättning': 'people with disabilities', 'personer med psykisk ohälsa': 'people with mental ill health',
  'personer i återhämtning från missbruk': 'people in recovery from addiction',
  'kvinnor långt från arbetsmarknaden': 'women far from the labour market', 'äldre arbetssökande': 'older job seekers',
};

export function languageEn(sv: string): string {
  return LANGUAGES[sv] ?? sv;
}

/** A list of Swedish language names in English, joined by "or" ("arabiska eller somaliska" → "Arabic or Somali"). */
export function languagesEn(list: string[], joiner = ', '): string {
  return list.map(languageEn).join(joiner);
}

export function experienceEn(sv: string): string {
  return EXPERIENCE[sv] ?? sv;
}

export function targetGroupEn(sv: string): string {
  return TARGET_GROUPS[sv] ?? sv;
}

/** A capacity field in words ("maxPeoplePerEvent" → "personer per tillfälle"), Swedish or English. */
export function capacityLabel(field: string, sv = true): string {
  const labels: Record<string, [string, string]> = {
    maxPeoplePerEvent: ['personer per tillfälle', 'people per event'],
    maxPortionsPerDay: ['portioner per dag', 'portions per day'],
    traineePlaces: ['praktikplatser', 'trainee places'],
    crewSize: ['personer i arbetslaget', 'crew size'],
  };
  const l = labels[field];
  return l ? (sv ? l[0] : l[1]) : field;
}
