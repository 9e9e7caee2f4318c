using System.Globalization;

namespace Kamino.Import;

/// <summary>
/// What an import says about a file, in English and Spanish (<see cref="Sentences"/>): the problems that reject a file or
/// a row (<see cref="ImportProblem.Why"/>) and the warnings (<see cref="ImportWarning.Why"/>), for the import wizard, the
/// problems CSV and <c>kamino import</c> / <c>kamino analyze</c>. The recorded English is the API's <c>reason</c>.
/// A part worded on its own (a row's reason inside a longer one, a large number with its thousands separators) is handed
/// to its sentence as a language pair (kind s: <see cref="Pair(Said)"/>, <see cref="Big"/>).
/// </summary>
public static class ImportSentences
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");

    /// <summary>The import's sentences (<see cref="Sentence"/> says how each value is said).</summary>
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        // The inputs: files, folders, archives.
        ["import.file-not-found"] = new("file not found", "no se encuentra el archivo", ""),
        ["import.not-a-file"] = new("not a regular file (a device, pipe or generated file such as /dev/zero or /proc/…): give a file",
            "no es un archivo normal (un dispositivo, una tubería o un archivo generado como /dev/zero o /proc/…): indique un archivo", ""),
        ["import.folder-empty"] = new("the folder holds no .csv, .xlsx or .xml file", "la carpeta no contiene ningún archivo .csv, .xlsx ni .xml", ""),
        ["import.archive-empty"] = new("the archive holds no .csv, .xlsx or .xml file", "el archivo comprimido no contiene ningún archivo .csv, .xlsx ni .xml", ""),
        ["import.archive-entries"] = new("the archives of this import hold more than {0} entries together; nothing of this archive was imported",
            "los archivos comprimidos de esta importación contienen más de {0} entradas en total; no se importó nada de este", "s"),
        ["import.archive-bytes"] = new("the archives of this import expand to more than {0} bytes together; nothing of this archive was imported",
            "los archivos comprimidos de esta importación ocupan más de {0} bytes descomprimidos en total; no se importó nada de este", "s"),
        ["import.archive-disk"] = new("not enough free disk space to expand the archive ({0} bytes free in the temporary folder, {1} kept free); nothing of it was imported",
            "no hay espacio libre en disco para descomprimir el archivo ({0} bytes libres en la carpeta temporal, se reservan {1}); no se importó nada de él", "ss"),
        ["import.archive-unreadable"] = new("not a readable zip archive: {0}", "no es un archivo zip legible: {0}", "t"),
        ["import.upload-too-large"] = new("larger than the upload limit", "supera el tamaño máximo de subida", ""),
        ["import.zip-not-workbook"] = new("a zip archive that is not an Excel .xlsx workbook (no xl/workbook.xml): give .zip archives of sales files a .zip name",
            "un archivo zip que no es un libro de Excel .xlsx (no tiene xl/workbook.xml): dé a los archivos .zip de ventas un nombre .zip", ""),
        ["import.xml-unknown"] = new("XML with root element {0} is not a UBL Invoice/CreditNote, Facturae or CII CrossIndustryInvoice",
            "un XML con el elemento raíz {0} no es una factura UBL (Invoice/CreditNote), Facturae ni CII (CrossIndustryInvoice)", "t"),
        ["import.xml-unknown-ns"] = new("XML with root element {0} in namespace {1} is not a UBL Invoice/CreditNote, Facturae or CII CrossIndustryInvoice",
            "un XML con el elemento raíz {0} del espacio de nombres {1} no es una factura UBL (Invoice/CreditNote), Facturae ni CII (CrossIndustryInvoice)", "tt"),

        // A CSV file as a whole.
        ["import.csv-unknown-encoding"] = new("unknown encoding '{0}': use {1}", "codificación desconocida «{0}»: use {1}", "tt"),
        ["import.csv-not-utf8-given"] = new("bytes that are not UTF-8, though --encoding utf-8 was given: give --encoding windows-1252 or iso-8859-1, or fix the file",
            "hay bytes que no son UTF-8, aunque se indicó --encoding utf-8: indique --encoding windows-1252 o iso-8859-1, o corrija el archivo", ""),
        ["import.csv-not-utf8-bom"] = new("bytes that are not UTF-8, though it starts with a UTF-8 byte order mark: give --encoding windows-1252 or iso-8859-1, or fix the file",
            "hay bytes que no son UTF-8, aunque empieza con la marca de orden de bytes de UTF-8: indique --encoding windows-1252 o iso-8859-1, o corrija el archivo", ""),
        ["import.csv-empty"] = new("the file is empty: a header row is required", "el archivo está vacío: hace falta una fila de encabezados", ""),
        ["import.csv-header-too-long"] = new("the header line is longer than {0} characters: is this a sales file?",
            "la línea de encabezados tiene más de {0} caracteres: ¿es un archivo de ventas?", "s"),
        ["import.csv-line-too-long"] = new("the line is longer than {0} bytes (a record holds at most {1} characters); the rest of the file was not read",
            "la línea ocupa más de {0} bytes (un registro tiene como mucho {1} caracteres); no se leyó el resto del archivo", "ss"),
        ["import.csv-record-runs-on"] = new("a record starting on this line runs past {0} characters and the rest of the file cannot be read: is a quote not closed?",
            "un registro que empieza en esta línea pasa de {0} caracteres y no se puede leer el resto del archivo: ¿quedaron unas comillas sin cerrar?", "s"),
        ["import.csv-dialect"] = new("cannot tell the dialect: {0}. Give --dialect es (dd/mm/yyyy, decimal comma) or --dialect en (mm/dd/yyyy, decimal point)",
            "no se puede saber el dialecto: {0}. Indique --dialect es (dd/mm/aaaa, coma decimal) o --dialect en (mm/dd/aaaa, punto decimal)", "s"),
        ["import.dialect-mixed"] = new("the file mixes dialects: {0} but {1}", "el archivo mezcla dialectos: {0}, pero {1}", "ss"),
        ["import.dialect-es-date"] = new("dates like {0} are dd/mm/yyyy (es)", "fechas como {0} son dd/mm/aaaa (es)", "t"),
        ["import.dialect-es-number"] = new("numbers like {0} use a decimal comma (es)", "números como {0} usan coma decimal (es)", "t"),
        ["import.dialect-en-date"] = new("dates like {0} are mm/dd/yyyy (en)", "fechas como {0} son mm/dd/aaaa (en)", "t"),
        ["import.dialect-en-number"] = new("numbers like {0} use a decimal point (en)", "números como {0} usan punto decimal (en)", "t"),
        ["import.dialect-date-doubt"] = new("dates like {0} can be dd/mm/yyyy or mm/dd/yyyy", "fechas como {0} pueden ser dd/mm/aaaa o mm/dd/aaaa", "t"),
        ["import.dialect-doubts"] = new("dates like {0} can be dd/mm/yyyy or mm/dd/yyyy; numbers like {1} can have a decimal comma or point",
            "fechas como {0} pueden ser dd/mm/aaaa o mm/dd/aaaa; números como {1} pueden llevar coma o punto decimal", "tt"),
        ["import.dialect-number-doubt"] = new("numbers like {0} can have a decimal comma or point", "números como {0} pueden llevar coma o punto decimal", "t"),

        // The header of a CSV or a sheet.
        ["import.header"] = new("header: {0}. Columns found: {1}", "encabezados: {0}. Columnas encontradas: {1}", "st"),
        ["import.header-map"] = new("--map {0}={1}: no column named '{1}' in the header", "--map {0}={1}: ninguna columna de los encabezados se llama «{1}»", "tt"),
        ["import.header-no-date"] = new("no date column (e.g. 'date', 'fecha')", "no hay columna de fecha (p. ej. «date», «fecha»)", ""),
        ["import.header-no-customer"] = new("no customer column (e.g. 'customer_id', 'cliente')", "no hay columna de cliente (p. ej. «customer_id», «cliente»)", ""),
        ["import.header-no-amount"] = new("no net amount column (e.g. 'line_total', 'importe') and no quantity and unit price columns",
            "no hay columna de importe neto (p. ej. «line_total», «importe») ni columnas de cantidad y precio unitario", ""),

        // A row of a CSV or a sheet.
        ["import.row-fields"] = new("{0} fields instead of {1}", "{0} campos en lugar de {1}", "nn"),
        ["import.row-record-too-long"] = new("the record is longer than {0} characters", "el registro tiene más de {0} caracteres", "s"),
        ["import.row-quote-over-lines"] = new("a quote opened on this line runs over {0} lines and the record is malformed ({1}): is a quote not closed?",
            "unas comillas abiertas en esta línea abarcan {0} líneas y el registro está mal formado ({1}): ¿quedaron unas comillas sin cerrar?", "ns"),
        ["import.row-date-empty"] = new("date is empty", "la fecha está vacía", ""),
        ["import.row-date-es"] = new("date '{0}' is not a valid date (dd/mm/yyyy or yyyy-mm-dd, dialect es)",
            "la fecha «{0}» no es válida (dd/mm/aaaa o aaaa-mm-dd, dialecto es)", "t"),
        ["import.row-date-en"] = new("date '{0}' is not a valid date (yyyy-mm-dd or mm/dd/yyyy, dialect en)",
            "la fecha «{0}» no es válida (aaaa-mm-dd o mm/dd/aaaa, dialecto en)", "t"),
        ["import.date-outside"] = new("date {0} is outside the accepted range {1} to {2}", "la fecha {0} está fuera del intervalo aceptado, del {1} al {2}", "ddd"),
        ["import.row-customer-empty"] = new("customer is empty", "el cliente está vacío", ""),
        ["import.row-customer-too-long"] = new("customer id or name is too long", "el código o el nombre del cliente es demasiado largo", ""),
        ["import.row-not-a-number"] = new("{0} '{1}' is not a number", "{0}: «{1}» no es un número", "wt"),
        ["import.row-out-of-range"] = new("{0} '{1}' is out of range", "{0}: «{1}» está fuera de rango", "wt"),
        ["import.row-discount-fraction"] = new("discount '{0}' is not a fraction between -1 and 1 (this file's discounts are fractions, judged on its first {1} records)",
            "el descuento «{0}» no es una fracción entre -1 y 1 (los descuentos de este archivo son fracciones, a juzgar por sus primeros {1} registros)", "tn"),
        ["import.row-discount-percent"] = new("discount '{0}' is not a percentage between -100 and 100", "el descuento «{0}» no es un porcentaje entre -100 y 100", "t"),
        ["import.row-net-empty"] = new("net amount is empty", "el importe neto está vacío", ""),
        ["import.row-currency"] = new("currency '{0}' is not a 3-letter ISO 4217 code", "la moneda «{0}» no es un código ISO 4217 de 3 letras", "t"),
        ["import.row-texts-too-long"] = new("document number, product code or product name is too long",
            "el número de documento, el código de producto o el nombre del producto es demasiado largo", ""),
        ["import.row-control"] = new("{0} contains a control character (U+{1})", "{0}: contiene un carácter de control (U+{1})", "wt"),
        ["import.row-line-number"] = new("line number '{0}' is not a positive whole number", "el número de línea «{0}» no es un número entero positivo", "t"),

        // An Excel workbook.
        ["import.xlsx-unreadable"] = new("not a readable Excel workbook: {0}", "no es un libro de Excel legible: {0}", "t"),
        ["import.xlsx-no-sheet"] = new("the workbook has no sheet", "el libro no tiene ninguna hoja", ""),
        ["import.xlsx-sheet-not-found"] = new("no sheet named '{0}' in the workbook; its sheets are: {1}", "el libro no tiene ninguna hoja llamada «{0}»; sus hojas son: {1}", "ts"),
        ["import.xlsx-sheet-name"] = new("'{0}'", "«{0}»", "t"),
        ["import.xlsx-sheet"] = new("sheet '{0}'", "la hoja «{0}»", "t"),
        ["import.xlsx-sheet-empty"] = new("sheet '{0}' is empty: a header row is required", "la hoja «{0}» está vacía: hace falta una fila de encabezados", "t"),
        ["import.xlsx-sheet-unreadable"] = new("sheet '{0}' cannot be read: {1}", "no se puede leer la hoja «{0}»: {1}", "tt"),
        ["import.xlsx-row-unreadable"] = new("the sheet cannot be read past this row: {0}", "no se puede leer la hoja más allá de esta fila: {0}", "t"),
        ["import.xlsx-dialect"] = new("cannot tell the dialect of the text cells: {0}. Give --dialect es (dd/mm/yyyy, decimal comma) or --dialect en (mm/dd/yyyy, decimal point)",
            "no se puede saber el dialecto de las celdas de texto: {0}. Indique --dialect es (dd/mm/aaaa, coma decimal) o --dialect en (mm/dd/aaaa, punto decimal)", "s"),
        ["import.xlsx-entries"] = new("the workbook has more than {0} entries", "el libro tiene más de {0} entradas", "n"),
        ["import.xlsx-shared-strings-bytes"] = new("the shared strings of the workbook expand to more than {0} bytes",
            "los textos compartidos del libro ocupan más de {0} bytes descomprimidos", "s"),
        ["import.xlsx-bytes"] = new("the workbook expands to more than {0} bytes", "el libro ocupa más de {0} bytes descomprimido", "s"),
        ["import.xlsx-token"] = new("{0} holds a single tag or text longer than {1} bytes (a cell holds at most {2} characters)",
            "{0} contiene una etiqueta o un texto de más de {1} bytes (una celda tiene como mucho {2} caracteres)", "sss"),
        ["import.xlsx-not-xml"] = new("{0} is not well-formed XML: {1}", "{0} no es XML bien formado: {1}", "st"),
        ["import.xlsx-declared-size"] = new("{0} declares {1} bytes but holds {2}", "{0} declara {1} bytes pero contiene {2}", "tss"),
        ["import.xlsx-shared-string-long"] = new("shared string #{0} is longer than {1} characters (Excel's limit for a cell)",
            "el texto compartido n.º {0} tiene más de {1} caracteres (el límite de Excel para una celda)", "ts"),
        ["import.xlsx-rows"] = new("{0} has more than {1} rows (Excel's limit)", "{0} tiene más de {1} filas (el límite de Excel)", "ss"),
        ["import.xlsx-row-number"] = new("{0}: row number '{1}' is not between 1 and {2}", "{0}: el número de fila «{1}» no está entre 1 y {2}", "sts"),
        ["import.xlsx-cells"] = new("{0}: row {1} has more than {2} cells (Excel's limit)", "{0}: la fila {1} tiene más de {2} celdas (el límite de Excel)", "sts"),
        ["import.xlsx-cell-text"] = new("{0}, cell {1}: the text is longer than {2} characters (Excel's limit for a cell)",
            "{0}, celda {1}: el texto tiene más de {2} caracteres (el límite de Excel para una celda)", "sts"),
        ["import.xlsx-row-text"] = new("{0}: row {1} holds more than {2} characters of text", "{0}: la fila {1} tiene más de {2} caracteres de texto", "sts"),

        // An e-invoice (UBL, Facturae, CII).
        ["import.xml-too-large"] = new("the file is larger than the {0} MB limit for XML", "el archivo supera el límite de {0} MB para XML", "n"),
        ["import.xml-document-too-large"] = new("the document is larger than the {0} MB limit for XML", "el documento supera el límite de {0} MB para XML", "n"),
        ["import.xml-too-deep"] = new("elements are nested deeper than {0} levels", "hay elementos anidados a más de {0} niveles", "n"),
        ["import.xml-text-too-long"] = new("the text of element {0} is longer than {1} characters", "el texto del elemento {0} tiene más de {1} caracteres", "ts"),
        ["import.xml-dtd"] = new("a DTD (document type declaration) is not allowed in an e-invoice",
            "una factura electrónica no puede llevar DTD (declaración de tipo de documento)", ""),
        ["import.xml-not-well-formed"] = new("the file is not well-formed XML: {0}", "el archivo no es XML bien formado: {0}", "t"),
        ["import.xml-at"] = new("{0}:", "{0}:", "t"),
        ["import.xml-missing"] = new("{0}: required element is missing", "{0}: falta un elemento obligatorio", "t"),
        ["import.xml-text"] = new("value is longer than {0} characters or holds control characters",
            "el valor tiene más de {0} caracteres o contiene caracteres de control", "n"),
        ["import.xml-number-required"] = new("a number is required", "hace falta un número", ""),
        ["import.xml-not-a-number"] = new("not a decimal number within ±1,000,000,000,000", "no es un número decimal dentro de ±1.000.000.000.000", ""),
        ["import.xml-not-a-date"] = new("not a date in the form {0}", "no es una fecha con la forma {0}", "t"),
        ["import.xml-currency"] = new("not a 3-letter ISO 4217 currency code", "no es un código de moneda ISO 4217 de 3 letras", ""),
        ["import.xml-total"] = new("total {0} does not match {1} ({2})", "el total {0} no coincide con {1} ({2})", "nsn"),
        ["import.xml-no-buyer"] = new("the buyer has no tax id, no id and no name, so the customer cannot be told",
            "el comprador no tiene NIF, ni identificador, ni nombre, así que no se sabe quién es el cliente", ""),
        ["import.cii-no-lines"] = new("this invoice is in the Factur-X/ZUGFeRD {0} profile, which carries no invoice lines, so it cannot give revenue per customer and product: export it in the BASIC, EN 16931 (COMFORT) or EXTENDED profile",
            "esta factura usa el perfil {0} de Factur-X/ZUGFeRD, que no lleva líneas de factura, así que no puede dar la facturación por cliente y producto: expórtela con el perfil BASIC, EN 16931 (COMFORT) o EXTENDED", "t"),
        ["import.facturae-version"] = new("Facturae {0} is not supported (3.2, 3.2.1, 3.2.2 are): export the invoice as Facturae 3.2.2 from the program that issued it",
            "Facturae {0} no está admitida (sí lo están 3.2, 3.2.1 y 3.2.2): exporte la factura como Facturae 3.2.2 desde el programa que la emitió", "t"),
        ["import.facturae-no-namespace"] = new("Facturae without a namespace is not supported (3.2, 3.2.1, 3.2.2 are): export the invoice as Facturae 3.2.2 from the program that issued it",
            "Facturae sin espacio de nombres no está admitida (sí lo están 3.2, 3.2.1 y 3.2.2): exporte la factura como Facturae 3.2.2 desde el programa que la emitió", ""),
        ["import.facturae-namespace"] = new("this Facturae version (namespace {0}) is not supported (3.2, 3.2.1, 3.2.2 are): export the invoice as Facturae 3.2.2 from the program that issued it",
            "esta versión de Facturae (espacio de nombres {0}) no está admitida (sí lo están 3.2, 3.2.1 y 3.2.2): exporte la factura como Facturae 3.2.2 desde el programa que la emitió", "t"),
        ["import.facturae-seller-tax-id"] = new("the seller's tax id '{0}' is not a valid Spanish tax id (wrong check digit or form); the invoice is imported anyway: check it in the program that issued the invoice",
            "el NIF del vendedor «{0}» no es un NIF español válido (dígito de control o forma incorrectos); la factura se importa de todos modos: revíselo en el programa que la emitió", "t"),
        ["import.facturae-tax-id"] = new("'{0}' is not a valid Spanish tax id (wrong check digit or form)", "«{0}» no es un NIF español válido (dígito de control o forma incorrectos)", "t"),
        ["import.facturae-batch-count"] = new("the batch says {0} invoices but the file holds {1}", "el lote dice {0} facturas pero el archivo contiene {1}", "nn"),

        // What a stated total is checked against (import.xml-total).
        ["import.sum-lines"] = new("the sum of the line amounts", "la suma de los importes de las líneas", ""),
        ["import.sum-allowances"] = new("the sum of the document allowances", "la suma de los descuentos del documento", ""),
        ["import.sum-charges"] = new("the sum of the document charges", "la suma de los cargos del documento", ""),
        ["import.sum-net"] = new("the line total less document allowances plus charges", "el total de las líneas menos los descuentos más los cargos del documento", ""),
        ["import.sum-tax-subtotals"] = new("the sum of the TaxSubtotal amounts", "la suma de los importes de TaxSubtotal", ""),
        ["import.sum-tax-inclusive"] = new("TaxExclusiveAmount plus the tax total", "TaxExclusiveAmount más el total de impuestos", ""),
        ["import.sum-trade-taxes"] = new("the sum of the document's tax amounts (ApplicableTradeTax/CalculatedAmount)",
            "la suma de los impuestos del documento (ApplicableTradeTax/CalculatedAmount)", ""),
        ["import.sum-grand-total"] = new("TaxBasisTotalAmount plus TaxTotalAmount", "TaxBasisTotalAmount más TaxTotalAmount", ""),
        ["import.sum-line-gross"] = new("the sum of the line GrossAmount", "la suma de GrossAmount de las líneas", ""),
        ["import.sum-of"] = new("the sum of the {0}", "la suma de {0}", "t"),
        ["import.sum-of-invoices"] = new("the sum of the invoices' {0}", "la suma de {0} de las facturas", "t"),
        ["import.sum-taxes-outputs"] = new("the sum of the TaxesOutputs tax amounts and equivalence surcharges",
            "la suma de los impuestos de TaxesOutputs y los recargos de equivalencia", ""),
        ["import.sum-taxes-withheld"] = new("the sum of the TaxesWithheld tax amounts", "la suma de los impuestos de TaxesWithheld", ""),
        ["import.sum-outstanding"] = new("InvoiceTotal − subsidies − TotalPaymentsOnAccount", "InvoiceTotal − subvenciones − TotalPaymentsOnAccount", ""),

        // What the importer finds against the workspace.
        ["import.conflict"] = new("document {0} line {1} was imported before with different content",
            "el documento {0}, línea {1}, ya se importó antes con otro contenido", "tt"),
        ["import.seller-no-tax-id"] = new("document {0}: the seller has no tax id, so it cannot be told to be one of this workspace's tax ids ({1})",
            "documento {0}: el vendedor no tiene NIF, así que no se puede saber si es uno de los NIF de este espacio de trabajo ({1})", "tt"),
        ["import.seller-other"] = new("document {0}: seller {1} is not one of this workspace's tax ids ({2}): probably a purchase invoice",
            "documento {0}: el vendedor {1} no es ninguno de los NIF de este espacio de trabajo ({2}): probablemente es una factura de compra", "ttt"),
        ["import.rates-missing-one"] = new("1 line in another currency than {0}, the reporting currency, with no exchange rate in the document nor in the workspace's rate table on or before their date: {1}.",
            "1 línea en otra moneda que {0}, la moneda de los informes, sin tipo de cambio en el documento ni en la tabla de tipos del espacio de trabajo en su fecha o antes: {1}.", "ts"),
        ["import.rates-missing"] = new("{0} lines in another currency than {1}, the reporting currency, with no exchange rate in the document nor in the workspace's rate table on or before their date: {2}.",
            "{0} líneas en otra moneda que {1}, la moneda de los informes, sin tipo de cambio en el documento ni en la tabla de tipos del espacio de trabajo en su fecha o antes: {2}.", "nts"),
        ["import.rates-currency-one"] = new("{0} (1 line from {1})", "{0} (1 línea desde el {1})", "td"),
        ["import.rates-currency"] = new("{0} ({1} lines from {2})", "{0} ({1} líneas desde el {2})", "tnd"),
        ["import.rates-fix"] = new("Import the rates with: kamino rates import FILE --workspace {0} (a CSV date,currency,rate in units per 1 {1}, or the ECB's reference-rate CSV), or on the exchange rates page of the settings",
            "Importe los tipos con: kamino rates import FILE --workspace {0} (un CSV date,currency,rate en unidades por 1 {1}, o el CSV de tipos de referencia del BCE), o en la página de tipos de cambio de la configuración", "tt"),
        ["import.rates-fix-analyze"] = new("Give the rates with --rates FILE (a CSV date,currency,rate in units per 1 {0}, or the ECB's reference-rate CSV)",
            "Indique los tipos con --rates FILE (un CSV date,currency,rate en unidades por 1 {0}, o el CSV de tipos de referencia del BCE)", "t"),
    };

    /// <summary>A sentence said on its own, as a language pair for a sentence's kind-s value: its English, then its Spanish.</summary>
    internal static string[] Pair(Said said) => [said.ToString(), said.In(Spanish)];

    /// <summary>Sentences joined by <paramref name="separator"/>, as a language pair.</summary>
    internal static string[] Pair(IEnumerable<Said> saids, string separator)
    {
        var all = saids.ToList();
        return [string.Join(separator, all.Select(s => s.ToString())), string.Join(separator, all.Select(s => s.In(Spanish)))];
    }

    /// <summary>A large whole number with its thousands separators, as a language pair: 1,048,576 and 1.048.576.</summary>
    internal static string[] Big(long n) => [n.ToString("N0", CultureInfo.InvariantCulture), n.ToString("N0", Spanish)];
}
