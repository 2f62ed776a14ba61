"""The rules' explanations in Vietnamese: ``code -> (summary, why, fix)``, beside the English of
``engine.spec.rules.RULES``; ``motcua explain --lang vi`` prints them."""

from __future__ import annotations

from typing import Final

__all__ = ["RULES_VI"]

RULES_VI: Final[dict[str, tuple[str, str, str]]] = {
    # Đọc tệp
    "YML001": (
        "Một khoá xuất hiện hai lần trong cùng một ánh xạ (cùng một cấp).",
        "Các trình đọc YAML âm thầm giữ lại giá trị sau cùng, nên một nửa nội dung đã viết sẽ bị mất.",
        "Xoá một trong hai khoá hoặc gộp giá trị của chúng.",
    ),
    "YML002": (
        "Có dùng neo (&name) hoặc bí danh (*name).",
        "Bí danh khiến một phần của đặc tả âm thầm lặp theo một phần khác, và vài trăm byte bí danh có thể "
        "bung ra thành hàng gigabyte (kiểu tấn công 'billion laughs').",
        "Viết đầy đủ mọi giá trị.",
    ),
    "YML003": (
        "Có dùng khoá gộp ('<<').",
        "Khoá gộp là phần mở rộng của YAML 1.1 mà các công cụ khác đọc theo cách khác nhau; giá trị sẽ từ nơi "
        "khác xuất hiện vào.",
        "Viết đầy đủ các khoá.",
    ),
    "YML004": (
        "Có dùng thẻ YAML như !!int hoặc !include.",
        "Thẻ làm thay đổi cách đọc một giá trị, hoặc ở một số trình đọc còn chạy mã; đặc tả chỉ là dữ liệu thuần.",
        "Bỏ thẻ và viết giá trị ở dạng thông thường (đặt trong dấu nháy nếu cần).",
    ),
    "YML005": (
        "Tệp không phải là YAML hợp lệ.",
        "Không thể đọc một cách tin cậy bất cứ nội dung nào nằm sau chỗ lỗi.",
        "Sửa cú pháp tại vị trí được chỉ ra; đặt trong dấu nháy những văn bản có chứa ': ' hoặc '#'.",
    ),
    "YML006": (
        "Tệp lớn hơn mức 2 MiB cho phép đối với một đặc tả.",
        "Đặc tả của một thủ tục chỉ vài kilobyte; tệp quá lớn là do nhầm lẫn hoặc do tấn công, và việc đọc nó "
        "sẽ rất chậm.",
        "Tách danh mục thành mỗi thủ tục một tệp.",
    ),
    "YML007": (
        "Các ánh xạ và danh sách lồng nhau sâu hơn 64 cấp.",
        "Không đặc tả nào cần độ sâu như vậy; lồng sâu là thủ đoạn dùng để làm sập trình phân tích cú pháp.",
        "Làm phẳng cấu trúc.",
    ),
    "YML008": (
        "Một giá trị dài hơn 64 KiB.",
        "Tiêu đề và ghi chú đều ngắn; một giá trị quá lớn là do nhầm lẫn hoặc do tấn công.",
        "Rút ngắn giá trị, hoặc thay bằng đường liên kết tới một tài liệu.",
    ),
    "YML009": (
        "Tệp không phải là văn bản UTF-8 (có byte sai, ký tự NUL hoặc ký tự điều khiển), hoặc một văn bản chứa "
        "ký tự điều khiển viết dưới dạng thoát (\\x01, \\e, \\0, \\uFFFE, \\L).",
        "Văn bản tiếng Việt phải được giữ nguyên vẹn; tệp lưu theo bảng mã cũ (TCVN3, VNI) sẽ bị lỗi phông chữ. "
        "Ký tự điều khiển trong văn bản có thể làm giả các dòng trên giấy tiếp nhận in ra, di chuyển con trỏ "
        "của màn hình dòng lệnh, và bị cấm trong HTML.",
        "Lưu tệp theo bảng mã UTF-8; bỏ ký tự điều khiển (văn bản chỉ được viết trên nhiều dòng ở kiểu khối, |).",
    ),
    "YML010": (
        "Không đọc được đường dẫn như một tệp đặc tả (không tồn tại, là thư mục, không có quyền, là thiết bị "
        "hoặc đường ống, hoặc là liên kết tới một tệp nằm ngoài thư mục đã chỉ định).",
        "Không thể kiểm tra một tệp không đọc được, và việc kiểm tra không đọc gì nằm ngoài danh mục: một liên "
        "kết tới /proc/self/environ sẽ in ra các biến môi trường.",
        "Kiểm tra đường dẫn và quyền truy cập tệp; sao chép tệp được liên kết vào trong danh mục.",
    ),
    "YML011": (
        "Một dấu phẩy không nằm trong dấu nháy bên trong {...} đã tách một văn bản thành một khoá mới.",
        "Tiêu đề tiếng Việt có rất nhiều dấu phẩy; ở kiểu viết trên một dòng, '{vi: Sửa đổi, bổ sung}' được "
        "đọc thành văn bản 'Sửa đổi' cộng với một khoá 'bổ sung', âm thầm cắt cụt tiêu đề.",
        "Đặt văn bản trong dấu nháy ({vi: \"Sửa đổi, bổ sung\"}) hoặc viết ánh xạ theo kiểu khối.",
    ),
    "YML012": (
        "Tệp rỗng hoặc không phải là một ánh xạ từ khoá tới giá trị.",
        "Mọi tệp đặc tả đều là một ánh xạ bắt đầu bằng 'motcua: 1' và 'kind'.",
        "Bắt đầu tệp bằng 'motcua: 1' và 'kind: procedure' (hoặc agency).",
    ),
    "YML013": (
        "Tệp chứa nhiều hơn một tài liệu YAML ('---').",
        "Mỗi tệp là một đặc tả; tài liệu thứ hai sẽ bị các công cụ khác bỏ qua.",
        "Bỏ dấu phân cách '---' hoặc tách thành nhiều tệp.",
    ),
    "YML014": (
        "Một khoá là danh sách hoặc ánh xạ thay vì văn bản.",
        "Khoá của đặc tả là những tên cố định.",
        "Dùng khoá ở dạng văn bản thông thường.",
    ),
    # Cấu trúc
    "SCH001": (
        "Một khoá không có trong ngôn ngữ đặc tả.",
        "Nếu không báo, khoá viết sai chính tả sẽ bị bỏ qua, và điều tác giả muốn sẽ không bao giờ được áp dụng.",
        "Dùng một trong các khoá được liệt kê trong thông báo (có gợi ý tên gần đúng).",
    ),
    "SCH002": (
        "Thiếu một khoá bắt buộc.",
        "Thiếu khoá này thì thủ tục không thể vận hành hay công bố được (ví dụ một bước không có đơn vị thực hiện).",
        "Thêm khoá được nêu trong thông báo.",
    ),
    "SCH003": (
        "Một giá trị sai kiểu (văn bản ở chỗ cần danh sách...).",
        "Bộ xử lý hồ sơ và bộ tạo trang dựa vào kiểu dữ liệu của ngôn ngữ đặc tả.",
        "Viết giá trị đúng kiểu được nêu trong thông báo (ví dụ [don-de-nghi]).",
    ),
    "SCH004": (
        "Một giá trị không thuộc các lựa chọn được phép.",
        "Các tập giá trị cố định (vai trò của đơn vị, loại kết thúc, cấp độ) quyết định các quy tắc của bộ xử "
        "lý hồ sơ.",
        "Dùng một trong các giá trị được phép (có gợi ý tên gần đúng).",
    ),
    "SCH005": (
        "Một giá trị sai dạng: id không viết theo dạng slug, khoảng thời gian, ngày tháng...",
        "Id xuất hiện trong đường liên kết và dữ liệu hồ sơ; khoảng thời gian và ngày tháng được bộ xử lý hồ sơ "
        "dùng để tính hạn.",
        "Viết theo đúng dạng nêu trong gợi ý, ví dụ \"15 ngày làm việc\" hoặc 2013-07-01.",
    ),
    "SCH006": (
        "Một số, khoảng thời gian hoặc danh sách nằm ngoài phạm vi cho phép (số lượng âm, danh sách rỗng, phần "
        "tử lặp lại, khoảng thời gian vượt quá 9999 đơn vị tính của nó).",
        "Một thủ tục cần ít nhất một bước và một điểm kết thúc; số lượng không thể âm; một khoảng thời gian mà "
        "không thủ tục nào có thể kéo dài đến là lỗi đánh máy, sẽ làm tràn mọi mốc hạn.",
        "Sửa giá trị cho nằm trong phạm vi nêu ở thông báo.",
    ),
    "SCH007": (
        "Thiếu 'kind', hoặc 'kind' không phải là 'agency' hay 'procedure'.",
        "Giá trị 'kind' quyết định tệp phải tuân theo những quy tắc nào.",
        "Viết 'kind: procedure' hoặc 'kind: agency'.",
    ),
    "SCH008": (
        "Thiếu 'motcua', hoặc giá trị không phải là phiên bản mà công cụ này đọc được (1).",
        "Khoá này cố định phiên bản của ngôn ngữ đặc tả để các đặc tả cũ giữ nguyên ý nghĩa.",
        "Viết 'motcua: 1' ở dòng đầu tiên.",
    ),
    # Tham chiếu
    "REF001": (
        "Một bước hoặc một lượt lấy ý kiến ghi một đơn vị mà cơ quan không có.",
        "Mỗi bước phải do một đơn vị có thật của cơ quan thực hiện; bộ xử lý hồ sơ đối chiếu cán bộ với đơn vị đó.",
        "Dùng id của một đơn vị trong tệp agency.yaml của cơ quan, hoặc bổ sung đơn vị vào tệp đó.",
    ),
    "REF002": (
        "'checks' của một bước hoặc 'records' của một trường hợp ghi một thành phần hồ sơ hoặc nhóm thành phần "
        "hồ sơ mà thủ tục không liệt kê.",
        "Bảng thành phần hồ sơ và giấy tiếp nhận chỉ liệt kê các thành phần hồ sơ và các nhóm đã khai báo trong "
        "'records' (ở mọi cấp của các nhóm); hồ sơ của một trường hợp được chọn từ trong số đó.",
        "Dùng id của một thành phần hồ sơ hoặc một nhóm trong 'records' (có gợi ý tên gần đúng).",
    ),
    "REF003": (
        "Một điểm kết thúc ('result' hoặc 'results') hoặc một trường hợp ('results') ghi một kết quả mà thủ tục "
        "không liệt kê.",
        "Văn bản kết quả là thứ người nộp hồ sơ nhận được; kết quả phải được khai báo trong 'results'.",
        "Dùng id của một kết quả trong 'results'.",
    ),
    "REF004": (
        "'next', một hướng xử lý (outcome) hoặc một 'timeout' dẫn tới một bước hoặc điểm kết thúc không tồn tại.",
        "Hồ sơ sẽ không có nơi nào để chuyển tới.",
        "Dùng id của một bước hoặc một điểm kết thúc của thủ tục này.",
    ),
    "REF005": (
        "'agency' của thủ tục không khớp với tệp agency.yaml nào trong danh mục.",
        "Các đơn vị, ngôn ngữ và lịch làm việc đều lấy từ cơ quan.",
        "Dùng id của một cơ quan có trong danh mục, hoặc bổ sung tệp agency.yaml của cơ quan đó.",
    ),
    "REF006": (
        "Hai bước, điểm kết thúc, thành phần hồ sơ hoặc nhóm thành phần hồ sơ (ở bất kỳ cấp nào), kết quả, "
        "trường hợp (theo id hoặc theo mã), gia hạn, khoảng tạm dừng tính thời gian hoặc đơn vị trùng id, hoặc "
        "một cách thức nộp được liệt kê hai lần.",
        "Id dùng để gọi tên các đối tượng trong hồ sơ và đường liên kết; id lặp lại làm tham chiếu trở nên mơ hồ "
        "(một bước và một điểm kết thúc cũng không được trùng id, một thành phần hồ sơ và một nhóm cũng vậy). "
        "Hồ sơ được mở theo một trường hợp gọi bằng id hoặc mã, và theo một cách thức nộp gọi bằng tên, nên mỗi "
        "id, mã hay tên chỉ được trỏ tới một đối tượng.",
        "Đổi tên một trong hai; mỗi cách thức nộp chỉ liệt kê một lần, viết dạng ánh xạ khi cách thức đó có "
        "điều kiện riêng.",
    ),
    "REF007": (
        "'supersedes' không trỏ tới một phiên bản của cùng thủ tục.",
        "Trang so sánh cải cách ghép mỗi phiên bản với phiên bản mà nó thay thế.",
        "Ghi đường dẫn tương đối tới tệp của phiên bản trước.",
    ),
    "REF008": (
        "Hai tệp cơ quan khai báo cùng một id cơ quan.",
        "Thủ tục gọi cơ quan của mình bằng id; hai cơ quan chung một id thì không xác định được là cơ quan nào.",
        "Đặt cho mỗi cơ quan một id riêng.",
    ),
    "REF009": (
        "'field' của thủ tục không thuộc các lĩnh vực mà cơ quan của thủ tục khai báo.",
        "Khi cơ quan khai báo các lĩnh vực của mình, danh mục nhóm và đặt tiêu đề cho thủ tục theo lĩnh vực; một "
        "lĩnh vực không được khai báo sẽ đứng riêng, hiển thị dưới dạng slug trần.",
        "Dùng id của một lĩnh vực trong 'fields' của cơ quan (có gợi ý tên gần đúng), hoặc khai báo lĩnh vực đó "
        "tại đấy.",
    ),
    # Luồng xử lý
    "GRF001": (
        "Không thể đi tới một bước từ bước đầu tiên.",
        "Không hồ sơ nào có thể tới được bước đó: bước chỉ là chữ chết, và thường là do thiếu một liên kết.",
        "Trỏ 'next' hoặc một hướng xử lý của một bước trước đó tới bước này, hoặc xoá bước.",
    ),
    "GRF002": (
        "Từ một bước không thể đi tới điểm kết thúc nào (ngõ cụt hoặc vòng lặp khép kín).",
        "Hồ sơ đi tới bước đó sẽ không bao giờ kết thúc được, nên luôn bị quá hạn.",
        "Cho bước một lối ra: một 'next' hoặc một hướng xử lý dẫn về phía một điểm kết thúc.",
    ),
    "GRF003": (
        "Không thể đi tới một điểm kết thúc từ bước đầu tiên.",
        "Điểm kết thúc đó và kết quả của nó sẽ được công bố nhưng không bao giờ xảy ra.",
        "Dẫn một hướng xử lý tới điểm kết thúc đó, hoặc xoá nó.",
    ),
    "GRF004": (
        "Một bước có cả 'next' lẫn 'outcomes', hoặc không có cả hai (khi không có 'timeout').",
        "Bộ xử lý hồ sơ phải biết bước hoàn thành như thế nào: chuyển sang một bước kế tiếp ('next') hay theo "
        "một quyết định ('outcomes').",
        "Cho bước đúng một trong hai khoá 'next' hoặc 'outcomes'.",
    ),
    "GRF005": (
        "Một hướng xử lý được đặt tên trùng với một sự kiện của bộ xử lý hồ sơ (complete, answer, timeout, "
        "receive, request_supplement, supplement, refuse, withdraw, apologize, correct).",
        "Tên hướng xử lý trở thành sự kiện của hồ sơ; những tên này đã thuộc về bộ xử lý hồ sơ và quy trình "
        "một cửa.",
        "Chọn tên khác, ví dụ 'reject' hoặc 'khong-dat'.",
    ),
    # Thời gian
    "TIM001": (
        "Tổng thời gian các bước trên đường đi chậm nhất vượt quá một time_limit: của thủ tục, hoặc của một "
        "trường hợp hay một cách thức nộp.",
        "Thời gian nội bộ phải nằm trong thời hạn giải quyết theo quy định, tính từ khi nhận đủ hồ sơ hợp lệ "
        "(Nghị định 63/2010/NĐ-CP, Điều 8); nếu không, mọi hồ sơ đều trễ hạn ngay từ khi thiết kế quy trình. "
        "Thời gian tính theo các đơn vị khác nhau được so sánh theo ngày làm việc: một buổi là một buổi làm việc "
        "của cơ quan, một ngày theo lịch bằng 5/7 ngày làm việc, một tháng bằng 22 ngày làm việc, số giờ theo "
        "lịch được tính là giờ làm việc, tối đa bằng một ngày làm việc, 'trong ngày' là cả ngày làm việc.",
        "Rút ngắn thời gian các bước hoặc sửa lại time_limit.",
    ),
    "TIM002": (
        "Tổng thời gian các bước trên đường đi chậm nhất vượt quá một committed_time (của thủ tục, của một "
        "trường hợp hoặc của một cách thức nộp).",
        "Cơ quan đã cam kết công khai một thời gian ngắn hơn; thời gian nội bộ phải đủ để giữ được cam kết đó.",
        "Rút ngắn thời gian các bước hoặc thời gian cam kết.",
    ),
    "TIM003": (
        "Một lượt lấy ý kiến kéo dài hơn thời gian của bước chứa nó.",
        "Thời gian của một bước là toàn bộ quỹ thời gian của bước đó, kể cả việc lấy ý kiến.",
        "Giảm thời gian cho đơn vị được lấy ý kiến hoặc tăng thời gian cho bước.",
    ),
    "TIM004": (
        "Một 'timeout' xảy ra muộn hơn thời gian của bước.",
        "Thời gian của bước là quỹ thời gian của nó; 'timeout' sau mốc đó nghĩa là hồ sơ đã quá hạn trước khi "
        "được chuyển đi.",
        "Đặt 'timeout' không muộn hơn thời gian của bước.",
    ),
    "TIM005": (
        "committed_time dài hơn time_limit (của thủ tục, của một trường hợp hoặc của một cách thức nộp).",
        "Thời gian cam kết phải ngắn hơn thời hạn tối đa theo quy định, không bao giờ dài hơn.",
        "Rút ngắn committed_time.",
    ),
    "TIM006": (
        "Không nêu thời hạn giải quyết: thủ tục không có time_limit, và không phải trường hợp nào hay cách thức "
        "nộp nào cũng có.",
        "Thời hạn giải quyết theo quy định xác định hạn của từng hồ sơ; bộ xử lý hồ sơ từ chối mở hồ sơ khi "
        "không có thời hạn. Bản ghi trong Cơ sở dữ liệu quốc gia về thủ tục hành chính đôi khi chỉ nêu thời gian "
        "bằng lời văn ('Theo mô tả').",
        "Viết 'time_limit:' cho thủ tục, hoặc cho từng trường hợp hay cách thức nộp; giữ phần lời văn trong "
        "'time_note:'.",
    ),
    # Đặc tả được nhập
    "IMP001": (
        "Một bước được đánh dấu 'skeleton: true': chuỗi bước do công cụ nhập dữ liệu tạo ra từ phần lời văn "
        "của bản ghi.",
        "Bản ghi quốc gia chỉ mô tả các bước bằng lời văn; công cụ nhập chuyển lời văn đó thành một chuỗi bước "
        "(bộ phận tiếp nhận, đơn vị thực hiện, trả kết quả) giữ lại lời văn nhưng không phải là quy trình, đơn "
        "vị hay thời gian thực tế của cơ quan.",
        "Viết các bước, đơn vị và thời gian thực tế, rồi bỏ 'skeleton: true'.",
    ),
    # Một cửa
    "ONE001": (
        "Bước đầu tiên không do bộ phận một cửa của cơ quan thực hiện.",
        "Hồ sơ chỉ được tiếp nhận tại bộ phận một cửa (Nghị định 61/2018/NĐ-CP; Quyết định 93/2007/QĐ-TTg "
        "vào năm 2013).",
        "Bắt đầu bằng một bước tiếp nhận hồ sơ tại bộ phận một cửa.",
    ),
    "ONE002": (
        "Một bước dẫn tới điểm kết thúc 'granted' không do bộ phận một cửa thực hiện.",
        "Kết quả được trả cho người nộp hồ sơ tại bộ phận một cửa, nơi ghi nhận việc trả kết quả.",
        "Thêm một bước trả kết quả tại bộ phận một cửa trước điểm kết thúc.",
    ),
    "REC001": (
        "Một thành phần hồ sơ không được bước nào kiểm tra (cả thành phần đó lẫn nhóm chứa nó đều không có "
        "trong 'checks' của bước nào).",
        "Mọi giấy tờ yêu cầu người nộp cung cấp đều phải được kiểm tra ở một bước nào đó; nếu không thì không "
        "nên yêu cầu (Nghị định 63/2010/NĐ-CP, Điều 8: thành phần hồ sơ phải là cần thiết).",
        "Thêm thành phần hồ sơ vào 'checks' của một bước, hoặc bỏ thành phần đó.",
    ),
    "RES001": (
        "Một điểm kết thúc có outcome 'granted' hoặc 'refused' không ghi kết quả nào ('result' hoặc 'results').",
        "Dù được giải quyết hay không, người nộp hồ sơ đều nhận được một văn bản: giấy chứng nhận, hoặc văn bản "
        "từ chối nêu rõ lý do.",
        "Thêm 'result: <id của một kết quả>'.",
    ),
    # Ngôn ngữ
    "LNG001": (
        "Một văn bản thiếu một ngôn ngữ mà cơ quan đã khai báo.",
        "Trang công bố và giấy tiếp nhận được hiển thị bằng mọi ngôn ngữ đã khai báo.",
        "Bổ sung bản dịch còn thiếu.",
    ),
    "LNG002": (
        "Một văn bản có một ngôn ngữ mà cơ quan không khai báo.",
        "Nội dung đó sẽ không bao giờ được hiển thị; thường là do gõ sai mã ngôn ngữ.",
        "Dùng một ngôn ngữ của cơ quan, hoặc thêm ngôn ngữ đó vào 'languages'.",
    ),
    # Mẫu
    "TPL001": (
        "Một văn bản vẫn còn chỗ trống của mẫu 'motcua new' ('...' ở chỗ cần điền nội dung).",
        "Mẫu được viết sao cho kiểm tra hợp lệ ngay, để tác giả có thể kiểm tra từng bước; chỗ trống bị bỏ sót "
        "sẽ được công bố thành tên thủ tục, thành phần hồ sơ hoặc căn cứ pháp lý.",
        "Viết nội dung thật vào chỗ '...'.",
    ),
    # Phiên bản
    "VER001": (
        "Hai phiên bản của một thủ tục cùng có hiệu lực trong cùng một ngày.",
        "Bộ xử lý hồ sơ mở hồ sơ theo phiên bản có hiệu lực vào ngày tiếp nhận; phải có đúng một phiên bản như vậy.",
        "Đặt valid_to cho phiên bản cũ trước ngày phiên bản mới bắt đầu có hiệu lực.",
    ),
    "VER002": (
        "Ngày valid_from muộn hơn ngày valid_to.",
        "Phiên bản sẽ không bao giờ có hiệu lực.",
        "Đổi chỗ hoặc sửa lại các ngày.",
    ),
    "VER003": (
        "Hai tệp gán cùng một nhãn phiên bản cho cùng một thủ tục.",
        "Hồ sơ gắn với một phiên bản qua nhãn của phiên bản đó; hai tệp cùng một nhãn thì không xác định được "
        "là tệp nào.",
        "Đặt cho mỗi phiên bản một nhãn riêng.",
    ),
}
