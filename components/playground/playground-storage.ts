/** Local-storage key of the API key the playground and the API reference use in this browser (the visitor's own choice to keep it there). */
export const apiKeyStorageKey = "kirogate-api-key";
