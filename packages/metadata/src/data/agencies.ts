// News agencies as Arabic datelines and credits name them. `name` is the English canonical name used in
// the data (articles.agency); `surfaces` are Arabic (and Latin) spellings as written, matched through
// normalizeKey. Abbreviations spelled with spaced letters (أ ف ب) are also matched with dots (أ.ف.ب).
// An entry is only ever looked up inside a dateline or a credit, never in running text, so short
// abbreviations that are also words (وام, قنا, بنا) are safe here.

export interface AgencyEntry {
  name: string;
  surfaces: readonly string[];
}

export const AGENCIES: readonly AgencyEntry[] = [
  { name: 'Xinhua', surfaces: ['شينخوا', 'سينخوا', 'شينخو', 'وكالة أنباء شينخوا', 'وكالة شينخوا', 'Xinhua'] },
  { name: 'WAM', surfaces: ['وام', 'وكالة أنباء الإمارات', 'WAM'] },
  { name: 'QNA', surfaces: ['قنا', 'وكالة الأنباء القطرية', 'QNA'] },
  { name: 'SPA', surfaces: ['واس', 'وكالة الأنباء السعودية', 'SPA'] },
  { name: 'SANA', surfaces: ['سانا', 'وكالة الأنباء السورية', 'وكالة سانا', 'SANA'] },
  { name: 'KUNA', surfaces: ['كونا', 'وكالة الأنباء الكويتية', 'KUNA'] },
  { name: 'MENA', surfaces: ['أ ش أ', 'أ.ش.أ', 'أش أ', 'وكالة أنباء الشرق الأوسط', 'MENA'] },
  { name: 'Petra', surfaces: ['بترا', 'وكالة الأنباء الأردنية', 'Petra'] },
  { name: 'BNA', surfaces: ['بنا', 'وكالة أنباء البحرين', 'BNA'] },
  { name: 'ONA', surfaces: ['العمانية', 'وكالة الأنباء العمانية', 'ONA'] },
  {
    name: 'AFP',
    surfaces: [
      'أ ف ب',
      'ا ف ب',
      'أ.ف.ب',
      'فرانس برس',
      'فرانس بريس',
      'وكالة الصحافة الفرنسية',
      'الفرنسية',
      'AFP',
    ],
  },
  { name: 'Reuters', surfaces: ['رويترز', 'وكالة رويترز', 'Reuters'] },
  { name: 'AP', surfaces: ['أسوشيتد برس', 'أسوشييتد برس', 'اسوشيتدبرس', 'أ ب', 'AP'] },
  { name: 'Anadolu', surfaces: ['الأناضول', 'وكالة الأناضول', 'AA'] },
  { name: 'Sputnik', surfaces: ['سبوتنيك', 'Sputnik'] },
  { name: 'TASS', surfaces: ['تاس', 'إيتار تاس', 'TASS'] },
  { name: 'RIA Novosti', surfaces: ['نوفوستي', 'ريا نوفوستي', 'RIA Novosti'] },
  { name: 'IRNA', surfaces: ['إرنا', 'ارنا', 'IRNA'] },
  { name: 'CGTN', surfaces: ['سي جي تي إن', 'CGTN'] },
  { name: 'MAP', surfaces: ['و م ع', 'لاماب', 'وكالة المغرب العربي للأنباء', 'MAP'] },
  { name: 'APS', surfaces: ['واج', 'وكالة الأنباء الجزائرية', 'APS'] },
  { name: 'TAP', surfaces: ['وات', 'وكالة تونس إفريقيا للأنباء', 'TAP'] },
  { name: 'SUNA', surfaces: ['سونا', 'وكالة السودان للأنباء', 'SUNA'] },
  { name: 'Saba', surfaces: ['سبأ', 'وكالة الأنباء اليمنية', 'Saba'] },
  { name: 'INA', surfaces: ['واع', 'وكالة الأنباء العراقية', 'INA'] },
  { name: 'WAFA', surfaces: ['وفا', 'وكالة الأنباء الفلسطينية', 'WAFA'] },
  { name: 'NNA', surfaces: ['الوكالة الوطنية للإعلام', 'الوكالة الوطنية', 'NNA'] },
  { name: 'LANA', surfaces: ['وال', 'وكالة الأنباء الليبية', 'LANA'] },
  { name: 'DPA', surfaces: ['د ب أ', 'د.ب.أ', 'الوكالة الألمانية', 'DPA'] },
  { name: 'EFE', surfaces: ['إفي', 'إفى', 'EFE'] },
  { name: 'Kyodo', surfaces: ['كيودو', 'Kyodo'] },
  { name: 'Yonhap', surfaces: ['يونهاب', 'Yonhap'] },
  { name: 'Bloomberg', surfaces: ['بلومبرغ', 'بلومبيرغ', 'Bloomberg'] },
  { name: 'UPI', surfaces: ['يو بي آي', 'UPI'] },
  { name: 'ANSA', surfaces: ['آكي', 'أنسا', 'ANSA'] },
  { name: 'Tasnim', surfaces: ['تسنيم', 'Tasnim'] },
  { name: 'Fars', surfaces: ['وكالة فارس', 'Fars'] },
  { name: "People's Daily", surfaces: ['صحيفة الشعب اليومية', 'الشعب اليومية', "People's Daily"] },
  { name: 'CCTV', surfaces: ['سي سي تي في', 'CCTV'] },
  { name: 'CNN', surfaces: ['سي إن إن', 'CNN'] },
  { name: 'RT', surfaces: ['روسيا اليوم', 'آر تي', 'RT'] },
  { name: 'Agencies', surfaces: ['وكالات', 'الوكالات', 'وكالات الأنباء'] },
];
