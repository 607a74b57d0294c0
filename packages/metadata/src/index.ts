// Placeholder until the stage lands; see the package README.
export const PACKAGE = '@akhbar/metadata';
