export {
  type AppearanceLine,
  createSignatureAppearance,
  type SignatureAppearance,
  type SignatureAppearanceOptions,
} from './appearance.ts'
export {
  type AppearanceLanguage,
  type AppearanceSigner,
  appearanceTextLines,
  formatVietnamTime,
} from './text-lines.ts'
