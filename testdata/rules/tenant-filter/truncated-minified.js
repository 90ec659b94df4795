// A bundle cut off mid-line (a download that stopped).
"use strict";var e=require("@supabase/supabase-js"),s=(0,e.createClient)(process.env.U,process.env.K);var n=class{async close(t){await s.from("calls").update({open:!1}).eq("id",t)}},r=function(){return s.from("calls").delete().eq("id",9)},o={a:class{static{s.from("calls").del // expect: 152 tenant-filter, 219 tenant-filter
