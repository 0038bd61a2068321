/** The product's name as users see it (window titles, the userData folder, messages). No imports: main reads it. */
export const PRODUCT_NAME = '乡镇建设项目台账';
