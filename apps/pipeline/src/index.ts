export const PACKAGE = '@akhbar/pipeline';
