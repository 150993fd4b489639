// The media module's front door: product photos, re-encoded with sharp and stored in the database
// so every copy of the app serves every image (docs/decisions/017). Browser code imports only
// `./schemas`.
export { processImage, type ProcessedImage } from "./process";
export {
  addImage,
  deleteImage,
  existingImageIds,
  getImageFile,
  imageStillStored,
  listImages,
  updateImage,
  type Image,
  type ImageFile,
} from "./store";
export * from "./schemas";
