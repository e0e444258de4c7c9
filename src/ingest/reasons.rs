//! The reasons ingest gives for a file it cannot read or skips, in words
//! a clerk reads, with the advice that fits each: a Word document is not
//! "damaged", an empty file needs sending again, a password needs
//! removing.

use crate::diagnostic::Lang;

/// What a file is and what to do about it, for a reason written in
/// English by ingest: (Vietnamese, advice in Vietnamese, advice in
/// English), the first entry whose key the reason contains. In English
/// the reason itself says what the file is.
const REASONS: &[(&str, &str, &str, &str)] = &[
    ("zip archive of files named like a workbook", "tệp nén zip chứa các tệp khác nhưng được đặt tên như bảng tính",
        "Hãy đổi phần mở rộng của tệp thành .zip: các bảng tính bên trong sẽ được đọc.",
        "Rename it with a .zip extension: the workbooks inside are then read."),
    ("zip archive is protected by a password", "tệp nén zip được đặt mật khẩu, không đọc được các tệp bên trong",
        "Hãy xin đơn vị gửi lại các bảng tính không nén, hoặc nén lại không đặt mật khẩu.",
        "Ask the unit to send the workbooks unzipped, or zipped without a password."),
    ("zip archive is empty", "tệp nén zip rỗng, không chứa tệp nào",
        "Hãy xin đơn vị gửi lại các bảng tính của báo cáo.",
        "Ask the unit to send the report's workbooks again."),
    ("(.eml) with no attachment", "thư điện tử lưu thành tệp (.eml) không có tệp đính kèm, không phải báo cáo", "", ""),
    ("(.eml) inside a zip archive", "thư điện tử (.eml) nằm trong tệp nén; các tệp đính kèm của nó không được mở",
        "Hãy lưu các tệp đính kèm của thư vào thư mục đầu vào.",
        "Save the e-mail's attachments in the input folder."),
    ("saved beside the e-mail (.eml)", "tệp đính kèm trong thư điện tử (.eml) giống hệt tệp đã lưu bên cạnh thư; chỉ đọc tệp bên cạnh", "", ""),
    ("e-mail file is damaged", "tệp thư điện tử (.eml) bị hỏng, không đọc được các phần của thư",
        "Hãy lưu lại tệp đính kèm từ hộp thư vào thư mục đầu vào.",
        "Save the attachment from the mailbox in the input folder."),
    ("no longer in the e-mail file", "tệp đính kèm không còn trong tệp thư điện tử", "", ""),
    ("macOS file information left by a Mac", "dữ liệu phụ của máy Mac (thư mục __MACOSX, tệp «._…») còn lại sau khi giải nén, không phải báo cáo", "", ""),
    ("a link that loops back on itself", "liên kết (shortcut) trỏ vòng lại chính nó, không dẫn tới tệp nào", "", ""),
    ("a link (shortcut) to a file that no longer exists", "liên kết (shortcut) trỏ tới một tệp không còn tồn tại",
        "Hãy chép chính tệp báo cáo vào thư mục, không chép liên kết.",
        "Copy the report itself into the folder, not a link to it."),
    ("macOS file information", "dữ liệu phụ của máy Mac (__MACOSX) trong tệp nén, không phải báo cáo", "", ""),
    ("archives are opened one level deep", "tệp nén nằm trong tệp nén lồng quá một lớp; các tệp bên trong không được đọc",
        "", ""),
    ("a zip archive; the files inside", "tệp nén zip; các tệp bên trong được đọc riêng", "", ""),
    ("the file is empty", "tệp rỗng (0 byte)",
        "Hãy xin đơn vị gửi lại tệp (tệp có thể chưa được lưu xong khi gửi).",
        "Ask the unit to send the file again (it may not have been saved when sent)."),
    ("protected by a password", "tệp được đặt mật khẩu (mã hóa)",
        "Hãy xin đơn vị gỡ mật khẩu (Excel: Tệp > Thông tin > Bảo vệ sổ làm việc) rồi gửi lại.",
        "Ask the unit to remove the password (Excel: File > Info > Protect Workbook) and send it again."),
    ("not a complete zip archive", "tệp bị cắt ngắn, không đầy đủ (thường do gửi hoặc tải về bị lỗi)",
        "Hãy tải lại tệp từ thư điện tử, hoặc xin đơn vị gửi lại.",
        "Download it again from the e-mail, or ask the unit to send it again."),
    ("cut short", "tệp bị cắt ngắn, không đầy đủ (thường do gửi hoặc tải về bị lỗi)",
        "Hãy tải lại tệp từ thư điện tử, hoặc xin đơn vị gửi lại.",
        "Download it again from the e-mail, or ask the unit to send it again."),
    ("without any table", "tệp là trang web (HTML) không có bảng số liệu nào",
        "Hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo.",
        "Ask the unit for the report's Excel workbook (.xlsx)."),
    ("web page (HTML)", "tệp là trang web (HTML) được đặt tên như bảng tính",
        "Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng .xlsx và gửi lại.",
        "Open it in Excel, Save As .xlsx and send it again."),
    ("XML document", "tệp là tài liệu XML, không phải bảng tính Excel",
        "Hãy mở tệp bằng Excel, chọn Lưu thành dạng .xlsx và gửi lại.",
        "Open it in Excel, Save As .xlsx and send it again."),
    ("Unicode text", "tệp là văn bản Unicode, không phải bảng tính Excel",
        "Hãy mở tệp bằng Excel, chọn Lưu thành dạng .xlsx và gửi lại.",
        "Open it in Excel, Save As .xlsx and send it again."),
    ("SYLK", "tệp là văn bản SYLK, không phải bảng tính Excel",
        "Hãy mở tệp bằng Excel, chọn Lưu thành dạng .xlsx và gửi lại.",
        "Open it in Excel, Save As .xlsx and send it again."),
    ("a text file (.txt) without a table", "tệp văn bản (.txt) không có bảng số liệu (không có các cột cách nhau bằng dấu tab), không phải bảng tính",
        "Nếu đây là báo cáo, hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo; tệp .txt chỉ đọc được khi lưu từ Excel dạng «Văn bản Unicode (*.txt)».",
        "If it is a report, ask the unit for its Excel workbook (.xlsx); a .txt file is read only when saved from Excel as «Unicode Text (*.txt)»."),
    ("plain text", "tệp là văn bản thường, không có bảng (không có dấu phẩy, dấu chấm phẩy hay dấu tab ngăn các cột), không phải bảng tính Excel",
        "Hãy mở tệp bằng Excel, chọn Lưu thành dạng .xlsx và gửi lại.",
        "Open it in Excel, Save As .xlsx and send it again."),
    ("PDF document", "tệp là tài liệu PDF, không có số liệu đọc được",
        "Hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo.",
        "Ask the unit for the report's Excel workbook (.xlsx)."),
    ("Word document (.docx) with no task table", "văn bản Word không có bảng nhiệm vụ, không phải bảng tính", "", ""),
    ("Word document", "tệp là văn bản Word, không phải bảng tính Excel",
        "Hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo thay cho văn bản Word.",
        "Ask the unit for the report's Excel workbook (.xlsx) instead of the Word document."),
    ("PowerPoint", "tệp là bản trình chiếu PowerPoint, không phải bảng tính Excel",
        "Hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo.",
        "Ask the unit for the report's Excel workbook (.xlsx)."),
    ("Excel lock file", "tệp khóa tạm của Excel (~$…), không phải báo cáo", "", ""),
    ("not a spreadsheet (.docx", "văn bản Word, không phải bảng tính",
        "Nếu đây là báo cáo, hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo thay cho văn bản.",
        "If it is a report, ask the unit for its Excel workbook (.xlsx) instead of the document."),
    ("not a spreadsheet (.doc", "văn bản Word, không phải bảng tính",
        "Nếu đây là báo cáo, hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo thay cho văn bản.",
        "If it is a report, ask the unit for its Excel workbook (.xlsx) instead of the document."),
    ("not a spreadsheet (.pdf", "tài liệu PDF, không phải bảng tính",
        "Nếu đây là báo cáo, hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo thay cho tệp PDF.",
        "If it is a report, ask the unit for its Excel workbook (.xlsx) instead of the PDF."),
    ("not a spreadsheet (.msg", "thư Outlook (.msg) đã lưu, công cụ không mở thư",
        "Hãy mở thư bằng Outlook, lưu tệp Excel đính kèm vào thư mục đầu vào rồi chạy lại.",
        "Open the mail in Outlook, save its attached Excel file into the input folder and run again."),
    ("not a spreadsheet (.lnk", "lối tắt (shortcut) của Windows, chỉ trỏ tới một tệp ở nơi khác, không phải chính tệp báo cáo",
        "Hãy chép chính tệp báo cáo (không phải lối tắt) vào thư mục đầu vào rồi chạy lại.",
        "Copy the report file itself (not the shortcut) into the input folder and run again."),
    ("not a spreadsheet (.", "không phải bảng tính", "", ""),
    ("not a regular file", "không phải tệp thông thường (ống dẫn hay thiết bị); không được mở", "", ""),
    ("a RAR or 7-Zip archive", "tệp nén RAR hoặc 7-Zip, công cụ không mở loại tệp nén này",
        "Hãy giải nén tệp (bằng WinRAR hoặc 7-Zip) vào thư mục đầu vào rồi chạy lại.",
        "Extract it (with WinRAR or 7-Zip) into the input folder and run again."),
    ("a link back to the folder", "liên kết trỏ ngược lên một thư mục bên trên; thư mục đó chỉ được đọc một lần", "", ""),
    ("a link back to the input folder", "liên kết trỏ ngược lên thư mục đầu vào; thư mục đó chỉ được đọc một lần", "", ""),
    ("folders deeper than", "thư mục lồng quá sâu; các tệp ở sâu hơn không được đọc", "", ""),
    ("the workbook holds only pictures", "bảng tính chỉ có hình ảnh (ảnh chụp hoặc ảnh quét biểu), không có số liệu nào trong các ô",
        "Hãy xin đơn vị gõ số liệu vào biểu mẫu Excel (không dán ảnh chụp) rồi gửi lại.",
        "Ask the unit to type the figures into the Excel form (not a pasted photo) and send it again."),
    ("every sheet came out empty", "không đọc được ô nào trong các trang tính: tệp trống, hoặc được ghi bởi một phần mềm khác Excel theo cách không đọc được",
        "Nếu mở bằng Excel hoặc LibreOffice vẫn thấy số liệu, hãy lưu lại dạng .xlsx và gửi lại.",
        "If Excel or LibreOffice shows figures in it, save it as .xlsx and send it again."),
    ("a detail table by unit", "bảng của tệp là bảng chi tiết theo đơn vị: mỗi cột một đơn vị (xã, phường) dưới tiêu đề của kỳ báo cáo, không phải số của cả đơn vị gửi; loại bảng này không được tổng hợp",
        "Hãy xin đơn vị gửi biểu tổng hợp của cả đơn vị (mỗi dòng một chỉ tiêu, một cột cho mỗi loại số liệu; tonghop template).",
        "Ask the unit for its consolidated form (one row per indicator, one column per kind of figure; tonghop template)."),
    ("a table by unit", "bảng của tệp là bảng theo đơn vị: mỗi dòng một đơn vị (phường, xã, khu phố), mỗi cột một chỉ tiêu; loại bảng này không được tổng hợp",
        "Hãy xin đơn vị ghi số liệu vào biểu mẫu (mỗi dòng một chỉ tiêu; tonghop template) rồi gửi lại.",
        "Ask the unit to write the figures in the form (one row per indicator; tonghop template) and send it again."),
    ("no indicator table found", "không tìm thấy bảng chỉ tiêu (dòng tiêu đề có «Chỉ tiêu» hoặc «Mã số» và các cột KH, TH, LK, CK…) trong 30 dòng đầu của các trang tính",
        "Hãy dùng biểu mẫu của đơn vị tổng hợp (tonghop template), hoặc ghi dòng tiêu đề có «Chỉ tiêu» và các cột số liệu.",
        "Use the consolidating office's form (tonghop template), or give the table a header with «Chỉ tiêu» and the figures' columns."),
    ("this is a folder", "đây là thư mục, không phải tệp", "", ""),
    ("more than the limit", "tệp vượt giới hạn kích thước cho phép trong mẫu biểu (một trang tính có quá nhiều ô)",
        "Hãy xóa các dòng, cột thừa ở cuối trang tính rồi lưu lại, hoặc nâng giới hạn [limits] trong mẫu biểu.",
        "Delete the surplus rows and columns at the sheet's end and save, or raise [limits] in the template."),
    ("loops back on itself", "tệp .xls bị hỏng: cấu trúc bên trong tự lặp vòng",
        "Hãy xin đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
        "Ask the unit to open it in Excel, save it as .xlsx and send it again."),
    ("internal structure (OLE compound file)", "tệp .xls bị hỏng: cấu trúc tệp (OLE) không hợp lệ",
        "Hãy xin đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
        "Ask the unit to open it in Excel, save it as .xlsx and send it again."),
    ("zip bomb", "tệp là «bom zip» (giải nén ra dung lượng khổng lồ), không phải bảng tính thật",
        "Đừng mở tệp này; hãy báo cho đơn vị gửi và xin gửi lại báo cáo.",
        "Do not open it; tell the unit and ask for the report again."),
    ("max_unzipped_mb", "tệp giải nén ra vượt giới hạn dung lượng trong mẫu biểu",
        "Hãy xin đơn vị gửi lại tệp gọn hơn, hoặc nâng max_unzipped_mb trong mẫu biểu.",
        "Ask for a smaller file, or raise max_unzipped_mb in the template."),
    ("larger than the archive declares", "tệp bị hỏng: một phần của tệp lớn hơn kích thước tệp tự khai",
        "Hãy xin đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
        "Ask the unit to open it in Excel, save it as .xlsx and send it again."),
    ("a format too old to read", "tệp Excel đời cũ (Excel 2.x–4.0), không đọc được",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
        "Open it in Excel, save it as .xlsx and send it again."),
    ("Lotus 1-2-3", "tệp Lotus 1-2-3, không phải bảng tính Excel",
        "Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx và gửi lại.",
        "Open it in Excel or LibreOffice, save it as .xlsx and send it again."),
    ("holds no workbook", "tệp nén zip không chứa bảng tính",
        "Hãy giải nén và đặt các bảng tính bên trong vào thư mục đầu vào.",
        "Unzip it and put the workbooks inside in the input folder."),
    ("without a workbook inside", "tệp OLE không chứa bảng tính Excel",
        "Hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo.",
        "Ask the unit for the report's Excel workbook (.xlsx)."),
    ("code page", "tệp .xls cũ dùng bảng mã (code page) không đọc được",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx (Unicode) và gửi lại.",
        "Open it in Excel, save it as .xlsx (Unicode) and send it again."),
    ("macro sheet", "bảng tính có trang macro Excel 4.0, không đọc được",
        "Hãy xóa trang macro, lưu lại dạng .xlsx và gửi lại.",
        "Delete the macro sheet, save as .xlsx and send it again."),
    ("not a spreadsheet this tool can read", "tệp không phải bảng tính (không phải tệp Excel, OpenDocument, trang web hay bảng văn bản)",
        "Hãy xin đơn vị gửi lại đúng tệp báo cáo, dạng .xlsx.",
        "Ask the unit for the right report file, as .xlsx."),
    ("the file holds no table", "tệp không có bảng số liệu nào",
        "Hãy xin đơn vị gửi bảng tính của báo cáo (biểu mẫu của đơn vị tổng hợp).",
        "Ask the unit for the report's workbook (the consolidating office's form)."),
    ("file without an extension", "tệp không có phần mở rộng, không phải bảng tính", "", ""),
    ("XML spreadsheet is damaged", "tệp XML Spreadsheet 2003 bị hỏng",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
        "Open it in Excel, save it as .xlsx and send it again."),
    ("more cells than can safely be read", "tệp khai báo số ô quá lớn, có thể bị hỏng",
        "Hãy xin đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
        "Ask the unit to open it in Excel, save it as .xlsx and send it again."),
    ("cannot be read: ", "một trang tính của tệp bị hỏng, không đọc được",
        "Hãy xin đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
        "Ask the unit to open it in Excel, save it as .xlsx and send it again."),
    ("cannot be opened", "không mở được tệp (không có quyền đọc?)",
        "Hãy kiểm tra quyền đọc tệp, hoặc chép tệp sang thư mục khác.",
        "Check that you may read the file, or copy it to another folder."),
    ("Permission denied", "không có quyền đọc tệp",
        "Hãy kiểm tra quyền đọc tệp, hoặc chép tệp sang thư mục khác.",
        "Check that you may read the file, or copy it to another folder."),
];

/// The English words of the reasons of [`REASONS`] that carry a reading
/// library's own message ("invalid Zip archive: Could not find EOCD"), by
/// the same key: the clerk reads in English what the Vietnamese says, not
/// the library's detail.
const PLAIN_EN: &[(&str, &str)] = &[
    (
        "not a complete zip archive",
        "the file is cut short, incomplete (usually a failed send or download)",
    ),
    (
        "cut short",
        "the file is cut short, incomplete (usually a failed send or download)",
    ),
    (
        "larger than the archive declares",
        "the file is damaged: a part of it is larger than the file itself declares",
    ),
    (
        "code page",
        "the old .xls file uses a character set (code page) that cannot be read",
    ),
    (
        "macro sheet",
        "the workbook has an Excel 4.0 macro sheet, which cannot be read",
    ),
    (
        "XML spreadsheet is damaged",
        "the XML Spreadsheet 2003 file is damaged",
    ),
    (
        "more cells than can safely be read",
        "the file declares too many cells and may be damaged",
    ),
    (
        "cannot be read: ",
        "a sheet of the file is damaged and cannot be read",
    ),
    (
        "cannot be opened",
        "the file cannot be opened (no permission to read it?)",
    ),
    ("Permission denied", "no permission to read the file"),
    // Reasons whose own words name a menu, a chain of the file's inner
    // structure, sheet names, raw counts or a template key: the clerk
    // reads what the Vietnamese says, and the advice says what to do.
    ("protected by a password", "the workbook is protected by a password (encrypted)"),
    (
        "plain text",
        "the file is plain text without a table (no commas, semicolons or tabs separating columns), not an Excel workbook",
    ),
    (
        "no indicator table found",
        "no indicator table (a header row with «Chỉ tiêu» or «Mã số» and the columns KH, TH, LK, CK…) in the first 30 rows of the sheets",
    ),
    (
        "more than the limit",
        "the file is larger than the template allows (a sheet has too many cells)",
    ),
    (
        "loops back on itself",
        "the .xls file is damaged: its inner structure loops back on itself",
    ),
    (
        "internal structure (OLE compound file)",
        "the .xls file is damaged: its inner structure is invalid",
    ),
    ("holds no workbook", "the file is a zip archive that holds no workbook"),
];

/// The advice of [`REASONS`] for the clerk who checks the unit's own file
/// before sending it (`tonghop check`), where the office's advice asks the
/// unit for something or speaks of the office's input folder: the clerk is
/// the unit, so «Hãy gỡ mật khẩu», not «Hãy xin đơn vị gỡ mật khẩu».
/// Keyed as [`REASONS`] is; an entry not here gives its advice as it is.
const TO_SENDER: &[(&str, &str, &str)] = &[
    ("not a spreadsheet (.msg",
        "Hãy gửi chính tệp Excel của báo cáo (lưu tệp đính kèm ra), không gửi cả thư Outlook.",
        "Send the report's Excel file itself (save the attachment), not the Outlook mail."),
    ("not a spreadsheet (.lnk",
        "Hãy gửi chính tệp báo cáo, không gửi lối tắt (shortcut) trỏ tới nó.",
        "Send the report file itself, not a shortcut pointing to it."),
    ("zip archive is protected by a password",
        "Hãy gửi các bảng tính không nén, hoặc nén lại không đặt mật khẩu.",
        "Send the workbooks unzipped, or zipped without a password."),
    ("zip archive is empty",
        "Hãy nén lại các bảng tính của báo cáo, hoặc gửi chúng không nén.",
        "Zip the report's workbooks again, or send them unzipped."),
    ("(.eml) inside a zip archive",
        "Hãy kiểm tra chính các bảng tính đính kèm thư.",
        "Check the workbooks attached to the e-mail themselves."),
    ("e-mail file is damaged",
        "Hãy kiểm tra chính các bảng tính đính kèm thư.",
        "Check the workbooks attached to the e-mail themselves."),
    ("the file is empty",
        "Hãy mở bảng tính gốc bằng Excel, lưu lại rồi kiểm tra lại (tệp có thể chưa được lưu xong).",
        "Open the original workbook in Excel, save it and check it again (the file may not have been saved completely)."),
    ("protected by a password",
        "Hãy gỡ mật khẩu (Excel: Tệp > Thông tin > Bảo vệ sổ làm việc), lưu lại rồi kiểm tra lại trước khi gửi.",
        "Remove the password (Excel: File > Info > Protect Workbook), save and check it again before sending it."),
    ("not a complete zip archive",
        "Hãy lưu lại tệp từ Excel (hoặc chép lại từ bản gốc) rồi kiểm tra lại.",
        "Save it again from Excel (or copy it again from the original) and check it again."),
    ("cut short",
        "Hãy lưu lại tệp từ Excel (hoặc chép lại từ bản gốc) rồi kiểm tra lại.",
        "Save it again from Excel (or copy it again from the original) and check it again."),
    ("without any table",
        "Hãy gửi bảng tính Excel (.xlsx) của báo cáo.",
        "Send the report's Excel workbook (.xlsx)."),
    ("PDF document",
        "Hãy gửi bảng tính Excel (.xlsx) của báo cáo thay cho tệp PDF.",
        "Send the report's Excel workbook (.xlsx) instead of the PDF."),
    ("Word document (.docx) with no task table", "", ""),
    ("Word document",
        "Hãy gửi bảng tính Excel (.xlsx) của báo cáo thay cho văn bản Word.",
        "Send the report's Excel workbook (.xlsx) instead of the Word document."),
    ("PowerPoint",
        "Hãy gửi bảng tính Excel (.xlsx) của báo cáo.",
        "Send the report's Excel workbook (.xlsx)."),
    ("a text file (.txt) without a table",
        "Nếu đây là báo cáo, hãy gửi bảng tính Excel (.xlsx) của báo cáo; tệp .txt chỉ đọc được khi lưu từ Excel dạng «Văn bản Unicode (*.txt)».",
        "If it is a report, send its Excel workbook (.xlsx); a .txt file is read only when saved from Excel as «Unicode Text (*.txt)»."),
    ("not a spreadsheet (.docx",
        "Nếu đây là báo cáo, hãy gửi bảng tính Excel (.xlsx) của báo cáo thay cho văn bản.",
        "If it is a report, send its Excel workbook (.xlsx) instead of the document."),
    ("not a spreadsheet (.doc",
        "Nếu đây là báo cáo, hãy gửi bảng tính Excel (.xlsx) của báo cáo thay cho văn bản.",
        "If it is a report, send its Excel workbook (.xlsx) instead of the document."),
    ("not a spreadsheet (.pdf",
        "Nếu đây là báo cáo, hãy gửi bảng tính Excel (.xlsx) của báo cáo thay cho tệp PDF.",
        "If it is a report, send its Excel workbook (.xlsx) instead of the PDF."),
    ("a RAR or 7-Zip archive",
        "Hãy giải nén tệp (bằng WinRAR hoặc 7-Zip) rồi kiểm tra từng bảng tính bên trong; khi gửi, gửi bảng tính hoặc tệp nén .zip.",
        "Extract it (with WinRAR or 7-Zip) and check each workbook inside; send the workbooks, or a .zip archive."),
    ("the workbook holds only pictures",
        "Hãy gõ số liệu vào biểu mẫu Excel (không dán ảnh chụp) rồi kiểm tra lại.",
        "Type the figures into the Excel form (not a pasted photo) and check it again."),
    ("a detail table by unit",
        "Hãy gửi biểu tổng hợp của cả đơn vị mình (mỗi dòng một chỉ tiêu, một cột cho mỗi loại số liệu; tonghop template) rồi kiểm tra lại.",
        "Send your unit's consolidated form (one row per indicator, one column per kind of figure; tonghop template) and check it again."),
    ("a table by unit",
        "Hãy ghi số liệu vào biểu mẫu (mỗi dòng một chỉ tiêu; tonghop template) rồi kiểm tra lại.",
        "Write the figures in the form (one row per indicator; tonghop template) and check it again."),
    ("more than the limit",
        "Hãy xóa các dòng, cột thừa ở cuối trang tính, lưu lại rồi kiểm tra lại.",
        "Delete the surplus rows and columns at the sheet's end, save and check it again."),
    ("loops back on itself",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi kiểm tra lại.",
        "Open it in Excel, save it as .xlsx and check it again."),
    ("internal structure (OLE compound file)",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi kiểm tra lại.",
        "Open it in Excel, save it as .xlsx and check it again."),
    ("zip bomb",
        "Đừng mở và đừng gửi tệp này; hãy lưu lại báo cáo từ bảng tính gốc.",
        "Neither open nor send this file; save the report again from the original workbook."),
    ("max_unzipped_mb",
        "Hãy xóa các trang tính, hình ảnh thừa cho tệp gọn hơn, lưu lại rồi kiểm tra lại.",
        "Delete the surplus sheets and pictures to make it smaller, save and check it again."),
    ("larger than the archive declares",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi kiểm tra lại.",
        "Open it in Excel, save it as .xlsx and check it again."),
    ("holds no workbook",
        "Hãy gửi chính bảng tính của báo cáo.",
        "Send the report's workbook itself."),
    ("without a workbook inside",
        "Hãy gửi bảng tính Excel (.xlsx) của báo cáo.",
        "Send the report's Excel workbook (.xlsx)."),
    ("not a spreadsheet this tool can read",
        "Hãy chọn đúng tệp báo cáo, dạng .xlsx.",
        "Pick the right report file, as .xlsx."),
    ("the file holds no table",
        "Hãy ghi số liệu vào biểu mẫu của đơn vị tổng hợp.",
        "Write the figures in the consolidating office's form."),
    ("more cells than can safely be read",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi kiểm tra lại.",
        "Open it in Excel, save it as .xlsx and check it again."),
    ("cannot be read: ",
        "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi kiểm tra lại.",
        "Open it in Excel, save it as .xlsx and check it again."),
];

/// The catch-all's advice to the clerk checking the unit's own file.
const DAMAGED_TO_SENDER: (&str, &str) = (
    "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi kiểm tra lại.",
    "Open it in Excel, save it as .xlsx and check it again.",
);

/// What the catch-all says: a damaged file, in Vietnamese and English.
const DAMAGED: (&str, &str) = (
    "tệp bị hỏng hoặc không đầy đủ, trình đọc bảng tính không đọc được",
    "the file is damaged or incomplete; the spreadsheet reader cannot read it",
);

/// The reason of [`REASONS`] that fits, or the catch-all: a damaged file.
/// (Vietnamese, advice in Vietnamese, advice in English, and the English
/// words when the reason itself carries a library's message.)
fn reason_entry(
    reason: &str,
) -> (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
) {
    REASONS
        .iter()
        .find(|(key, ..)| reason.contains(key))
        .map_or(
            (
                DAMAGED.0,
                "Hãy xin đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx và gửi lại.",
                "Ask the unit to open it in Excel, save it as .xlsx and send it again.",
                Some(DAMAGED.1),
            ),
            |&(key, vi, avi, aen)| {
                let en = PLAIN_EN.iter().find(|(k, _)| *k == key).map(|(_, en)| *en);
                (vi, avi, aen, en)
            },
        )
}

/// What a file is, for a reason written in English by ingest, and the
/// advice that fits (empty when nothing is to be done): in Vietnamese the
/// table's words, in English the reason, or [`PLAIN_EN`]'s words when the
/// reason carries a reading library's message (both languages then say
/// the same, neither the library's detail).
pub fn reason_words(reason: &str, lang: Lang) -> (String, String) {
    let (vi, advice_vi, advice_en, plain_en) = reason_entry(reason);
    // A damaged sheet is named, in both languages ("sheet 'Biểu 1' cannot
    // be read: …" from ingest).
    if let Some(sheet) = reason
        .strip_prefix("sheet '")
        .and_then(|rest| rest.split_once("' cannot be read: "))
        .map(|(sheet, _)| sheet)
    {
        return match lang {
            Lang::Vi => (
                format!("trang tính «{sheet}» của tệp bị hỏng, không đọc được"),
                advice_vi.to_string(),
            ),
            Lang::En => (
                format!("the sheet «{sheet}» of the file is damaged and cannot be read"),
                advice_en.to_string(),
            ),
        };
    }
    // The sheets a table was looked for on are named alike in both
    // languages (a workbook of twenty thousand sheets names the first few).
    let sheets = reason
        .split_once("; sheets read: ")
        .map(|(_, sheets)| sheets);
    match lang {
        Lang::Vi => (
            match sheets {
                Some(sheets) => format!("{vi}; các trang tính đã đọc: {}", vi_sheets(sheets)),
                None => vi.to_string(),
            },
            advice_vi.to_string(),
        ),
        Lang::En => (
            match (plain_en, sheets) {
                (Some(plain), Some(sheets)) => format!("{plain}; sheets read: {sheets}"),
                _ => plain_en.unwrap_or(reason).to_string(),
            },
            advice_en.to_string(),
        ),
    }
}

/// A list of sheets as ingest names it ("Trang 1, Trang 2 and 19,980 more
/// sheets") in Vietnamese words.
fn vi_sheets(sheets: &str) -> String {
    match sheets.rsplit_once(" and ") {
        Some((named, more)) if more.ends_with(" more sheets") => {
            let count = more.trim_end_matches(" more sheets").replace(',', ".");
            format!("{named} và {count} trang tính khác")
        }
        _ => sheets.to_string(),
    }
}

/// [`reason_words`] for the clerk checking the unit's own file before
/// sending it (`tonghop check`): the same words for what the file is, and
/// the advice spoken to the clerk who can put it right ([`TO_SENDER`]),
/// not to the office that would ask the unit.
pub fn reason_words_to_sender(reason: &str, lang: Lang) -> (String, String) {
    let (what, advice) = reason_words(reason, lang);
    let own = match REASONS.iter().find(|(key, ..)| reason.contains(key)) {
        Some((key, ..)) => TO_SENDER
            .iter()
            .find(|(k, ..)| k == key)
            .map(|&(_, vi, en)| (vi, en)),
        None => Some(DAMAGED_TO_SENDER),
    };
    match own {
        Some((vi, en)) => (what, lang.pick(vi, en).to_string()),
        None => (what, advice),
    }
}

/// A file finding's `actual`: what the file is in the run's language, as
/// [`reason_words`] says it (a clerk reads `actual` in the error list's
/// "Giá trị ghi" column).
pub fn reason_actual(reason: &str, lang: Lang) -> String {
    reason_words(reason, lang).0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A damaged sheet is named in both languages, without the reading
    /// library's own words.
    #[test]
    fn a_damaged_sheet_is_named_in_both_languages() {
        let reason = "sheet 'Biểu 1' cannot be read: Xml error: ill-formed document";
        assert_eq!(
            reason_words(reason, Lang::Vi).0,
            "trang tính «Biểu 1» của tệp bị hỏng, không đọc được"
        );
        assert_eq!(
            reason_words(reason, Lang::En).0,
            "the sheet «Biểu 1» of the file is damaged and cannot be read"
        );
    }

    /// `check` is the unit's own clerk: no advice of the sender's voice
    /// asks "the unit" for anything or speaks of the office's input
    /// folder; what the file is stays the same words.
    #[test]
    fn the_sender_is_advised_in_its_own_voice() {
        let (what, advice) =
            reason_words_to_sender("the file is protected by a password (encrypted)", Lang::Vi);
        assert_eq!(
            what,
            reason_words("the file is protected by a password (encrypted)", Lang::Vi).0
        );
        assert!(advice.starts_with("Hãy gỡ mật khẩu"), "{advice}");
        let mut reasons: Vec<&str> = REASONS.iter().map(|r| r.0).collect();
        reasons.push("some library's message nobody lists");
        for reason in reasons {
            for lang in [Lang::Vi, Lang::En] {
                let (_, advice) = reason_words_to_sender(reason, lang);
                let lower = advice.to_lowercase();
                for office in [
                    "xin đơn vị",
                    "báo cho đơn vị",
                    "thư mục đầu vào",
                    "chạy lại",
                    "the unit",
                    "input folder",
                    "run again",
                    "[limits]",
                    "max_unzipped_mb",
                ] {
                    assert!(!lower.contains(office), "{reason}: {advice}");
                }
            }
        }
        // Every entry of the sender's table answers a reason of the office's.
        for (key, ..) in TO_SENDER {
            assert!(REASONS.iter().any(|r| r.0 == *key), "{key}");
        }
    }

    #[test]
    fn each_kind_of_file_is_named_with_its_own_advice() {
        let vi = |r: &str| reason_words(r, Lang::Vi);
        let (what, advice) = vi("the file is empty (0 bytes)");
        assert_eq!(what, "tệp rỗng (0 byte)");
        assert!(advice.contains("gửi lại tệp"));
        let (what, advice) = vi("the file is a Word document (.docx), not a spreadsheet");
        assert!(what.contains("văn bản Word") && advice.contains("thay cho văn bản Word"));
        let (what, _) = vi("the file is a web page (HTML) without any table");
        assert!(what.contains("không có bảng"));
        let (what, advice) = vi("the file is protected by a password (encrypted)");
        assert!(what.contains("mật khẩu") && advice.contains("gỡ mật khẩu"));
        let (what, advice) = vi("not a complete zip archive (cut short?)");
        assert!(what.contains("cắt ngắn") && advice.contains("tải lại"));
        let (what, _) = vi("the file is not a spreadsheet this tool can read (neither …)");
        assert!(what.starts_with("tệp không phải bảng tính"), "{what}");
        // No English in Vietnamese; the reason itself in English.
        assert!(!vi("Xlsx error: something new").0.contains("Xlsx"));
        assert_eq!(
            reason_words("Xlsx error: x", Lang::En).0,
            "the file is damaged or incomplete; the spreadsheet reader cannot read it"
        );
    }

    /// A truncated .xlsx was "tệp bị cắt ngắn…" in Vietnamese but, in
    /// English, the reason with the zip library's "invalid Zip archive:
    /// Could not find EOCD": English says what Vietnamese says.
    #[test]
    fn english_says_what_vietnamese_says_without_the_librarys_message() {
        let reason = "the file is damaged: it is not a complete zip archive, as an .xlsx or .ods must be (it may have been cut short while copying or downloading; invalid Zip archive: Could not find EOCD)";
        let (vi, _) = reason_words(reason, Lang::Vi);
        let (en, advice) = reason_words(reason, Lang::En);
        assert_eq!(
            vi,
            "tệp bị cắt ngắn, không đầy đủ (thường do gửi hoặc tải về bị lỗi)"
        );
        assert_eq!(
            en,
            "the file is cut short, incomplete (usually a failed send or download)"
        );
        assert_eq!(reason_actual(reason, Lang::En), en);
        assert!(advice.starts_with("Download it again"));
        // Every English word of PLAIN_EN is a key of REASONS.
        for (key, _) in PLAIN_EN {
            assert!(REASONS.iter().any(|(k, ..)| k == key), "{key}");
        }
        // A plain English reason stays as ingest wrote it.
        let word = "the file is a Word document (.docx), not a spreadsheet";
        assert_eq!(reason_words(word, Lang::En).0, word);
    }

    /// Tester DK's real-world corpus, in both languages: each reason says
    /// the same thing in plain words, the menu path once (in the advice),
    /// the sheets looked at named in both, no inner chain of the file, no raw counts or
    /// template key, no empty «(it contains: )».
    #[test]
    fn the_same_reason_is_said_alike_in_both_languages() {
        let cases = [
            (
                crate::ingest::biff::ENCRYPTED.to_string(),
                "tệp được đặt mật khẩu (mã hóa)",
                "the workbook is protected by a password (encrypted)",
            ),
            (
                "the file is plain text without a table (no commas, semicolons or tabs separating columns), not an Excel workbook".to_string(),
                "tệp là văn bản thường, không có bảng (không có dấu phẩy, dấu chấm phẩy hay dấu tab ngăn các cột), không phải bảng tính Excel",
                "the file is plain text without a table (no commas, semicolons or tabs separating columns), not an Excel workbook",
            ),
            (
                "no indicator table found: no sheet has a header naming the indicators (Chỉ tiêu or Mã số) and a figures column (KH, TH, LK, CK, %KH or %CK) in its first 30 rows; sheets read: Sheet1".to_string(),
                "không tìm thấy bảng chỉ tiêu (dòng tiêu đề có «Chỉ tiêu» hoặc «Mã số» và các cột KH, TH, LK, CK…) trong 30 dòng đầu của các trang tính; các trang tính đã đọc: Sheet1",
                "no indicator table (a header row with «Chỉ tiêu» or «Mã số» and the columns KH, TH, LK, CK…) in the first 30 rows of the sheets; sheets read: Sheet1",
            ),
            (
                "the file is damaged: its internal structure (OLE compound file) is broken: the chain of 'directory' points past the end of the file".to_string(),
                "tệp .xls bị hỏng: cấu trúc tệp (OLE) không hợp lệ",
                "the .xls file is damaged: its inner structure is invalid",
            ),
            (
                "the file is damaged: its internal structure (OLE compound file) loops back on itself: the chain of 'directory' never ends".to_string(),
                "tệp .xls bị hỏng: cấu trúc bên trong tự lặp vòng",
                "the .xls file is damaged: its inner structure loops back on itself",
            ),
            (
                "the file is a zip archive but holds no workbook (it contains: )".to_string(),
                "tệp nén zip không chứa bảng tính",
                "the file is a zip archive that holds no workbook",
            ),
            (
                "sheet 'Sheet1' spans 999999999 rows × 999999999 columns (999999998000000001 cells), more than the limit of 2000000 cells per sheet (limits.max_cells in the template)".to_string(),
                "tệp vượt giới hạn kích thước cho phép trong mẫu biểu (một trang tính có quá nhiều ô)",
                "the file is larger than the template allows (a sheet has too many cells)",
            ),
        ];
        // The sheets looked at are named in both languages.
        let none = &cases[2].0;
        let many = none.replace("Sheet1", "Trang 1, Trang 2 and 19,980 more sheets");
        assert!(reason_words(&many, Lang::Vi)
            .0
            .ends_with("Trang 1, Trang 2 và 19.980 trang tính khác"));
        assert!(reason_words(&many, Lang::En)
            .0
            .ends_with("; sheets read: Trang 1, Trang 2 and 19,980 more sheets"));
        for (reason, vi, en) in cases {
            assert_eq!(reason_words(&reason, Lang::Vi).0, vi, "{reason}");
            assert_eq!(reason_words(&reason, Lang::En).0, en, "{reason}");
        }
        // The menu path is said once, in the advice.
        let (what, advice) = reason_words(crate::ingest::biff::ENCRYPTED, Lang::En);
        let both = format!("{what}. {advice}");
        assert_eq!(both.matches("Protect Workbook").count(), 1, "{both}");
        assert!(!both.contains('›'), "{both}");
    }
}
